import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { Sandbox } from '../../sandbox/server';
import type { FaultRule } from '../../sandbox/server';
import { hyperRepCredentials, useSandbox } from '../../support/sandbox';

const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const onDelete = { method: 'DELETE' };

async function remove(draftId: string, faults: FaultRule[] = []) {
	for (const fault of faults) sandbox().faults.add(fault);
	const parameters: INodeParameters = { resource: 'messageDraft', operation: 'delete', draftId };
	return await runNode({ type: 'hyperRep', parameters, credentials: hyperRepCredentials(sandbox()) });
}

describe('HyperRep Delete: "already gone" only when the 404 fits a lost first attempt', () => {
	test('the first answer lost, the draft gone on the retry: deleted, already_gone', async () => {
		const { draft_id: draftId } = sandbox().hyperrep.addDraft(ORG, { subject: 'Delete me' });
		const { items, nodeError } = await remove(draftId, [{ match: onDelete, kind: 'resetAfterProcessing', times: 1 }]);
		expect(nodeError).toBeUndefined();
		expect(items[0].json).toEqual({ deleted: true, draft_id: draftId, already_gone: true });
	});

	test('a 502, and the retry answers that the draft was sent and promoted: an error that says so', async () => {
		const { draft_id: draftId } = sandbox().hyperrep.addDraft(ORG, { subject: 'Delete me' });
		// Between the two attempts HyperRep sends the draft.
		const promoteThen502 = () => {
			sandbox().hyperrep.markPromoted(draftId);
			return JSON.stringify({ detail: 'Bad Gateway' });
		};
		const { items, nodeError } = await remove(draftId, [{ match: onDelete, kind: 'body', status: 502, body: promoteThen502, times: 1 }]);
		expect(items).toEqual([]);
		expect(nodeError?.message).toMatch(/^The message draft was already sent and promoted into a conversation/);
	});

	test('a mistyped ID whose delete would get no usable answer: "not found", before any delete', async () => {
		const { items, nodeError } = await remove('HR_id_typo', [{ match: onDelete, kind: 'resetAfterProcessing' }]);
		expect(items).toEqual([]);
		expect(nodeError?.message).toBe('Message draft "HR_id_typo" was not found in this organization');
		expect(sandbox().log.map((entry) => entry.method)).toEqual(['GET']);
	});

	test("a response draft's ID: the error says so, never already_gone", async () => {
		const id = sandbox().hyperrep.addResponseDraft(ORG);
		const { nodeError } = await remove(id, [{ match: onDelete, kind: 'status', status: 502, times: 1 }]);
		expect(nodeError?.message).toMatch(/^This ID belongs to a response draft, not a message draft/);
	});
});
