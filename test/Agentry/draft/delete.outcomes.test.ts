import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import type { FaultRule } from '../../sandbox/server';
import { agentryCredentials, byId, useSandbox } from '../../support/sandbox';

const sandbox = useSandbox();
const INBOX = 'sales@agentry.test';
const onDelete = { method: 'DELETE' };

beforeEach(() => sandbox().agentry.addInbox({ email: INBOX, display_name: 'Sales' }));

async function remove(inboxId: string, draftId: string, faults: FaultRule[] = []) {
	for (const fault of faults) sandbox().faults.add(fault);
	const parameters: INodeParameters = { resource: 'draft', operation: 'delete', inboxId: byId(inboxId), draftId: byId(draftId) };
	return await runNode({ type: 'agentry', parameters, credentials: agentryCredentials(sandbox()) });
}

describe('Agentry Draft Delete: "already gone" only when the 404 fits a lost first attempt', () => {
	test('an inbox the token cannot see: "inbox not found", never already_gone', async () => {
		const { items, nodeError } = await remove('hidden@agentry.test', 'dr_1', [{ match: onDelete, kind: 'status', status: 502 }]);
		expect(items).toEqual([]);
		expect(nodeError?.message).toBe('Inbox "hidden@agentry.test" was not found');
	});

	test('a mistyped draft ID: "draft not found", never already_gone', async () => {
		const { nodeError } = await remove(INBOX, 'dr_typo', [{ match: onDelete, kind: 'resetAfterProcessing' }]);
		expect(nodeError?.message).toBe('Draft "dr_typo" was not found in inbox "sales@agentry.test"');
		expect(sandbox().log.map((entry) => entry.method)).toEqual(['GET']);
	});

	test('the draft read, its delete answered by a gateway after Agentry deleted it: already gone', async () => {
		const { draft_id: draftId } = sandbox().agentry.addDraft(INBOX, { subject: 'Delete me' });
		const { items, nodeError } = await remove(INBOX, draftId, [{ match: onDelete, kind: 'status', status: 502, processed: true, times: 1 }]);
		expect(nodeError).toBeUndefined();
		expect(items[0].json).toEqual({ deleted: true, draft_id: draftId, already_gone: true });
	});
});
