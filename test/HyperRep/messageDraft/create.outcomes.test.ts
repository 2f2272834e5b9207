import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { Sandbox } from '../../sandbox/server';
import type { FaultRule } from '../../sandbox/server';
import { hyperRepCredentials, useSandbox } from '../../support/sandbox';

const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const onCreate = { method: 'POST', path: `/api/v2/organizations/${ORG}/message-drafts` };

const create: INodeParameters = {
	resource: 'messageDraft',
	operation: 'create',
	toEmail: 'diana@example.com',
	subject: 'Your quote',
	// The second look waits at most the Timeout (after a timeout, all of it): short for a test.
	options: { timeout: 3000 },
};

async function run(faults: FaultRule[], parameters = create, input?: INodeExecutionData[]) {
	for (const fault of faults) sandbox().faults.add(fault);
	return await runNode({ type: 'hyperRep', parameters, credentials: hyperRepCredentials(sandbox()), input });
}

const methods = () => sandbox().log.map((entry) => `${entry.method} ${entry.status}`);

describe('HyperRep Create: an unknown outcome is resolved by looking', () => {
	test('a gateway 502 after HyperRep created the draft: found and output, nothing created twice', async () => {
		const { items, nodeError } = await run([{ match: onCreate, kind: 'status', status: 502, processed: true, times: 1 }]);
		expect(nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(items[0].json).toEqual({
			draft_id: sandbox().hyperrep.drafts(ORG)[0].draft_id,
			scheduled_to_send: false,
			scheduled_send_at: null,
			folder: 'drafts',
		});
	});

	test('a reset before HyperRep read the request: two looks find nothing, and it is created once', async () => {
		const { items, nodeError } = await run([{ match: onCreate, kind: 'reset', times: 1 }]);
		expect(nodeError).toBeUndefined();
		expect(methods()).toEqual(['POST 0', 'GET 200', 'GET 200', 'POST 201']);
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(items[0].json.draft_id).toBe(sandbox().hyperrep.drafts(ORG)[0].draft_id);
	});

	test('two items with the same content, the second one lost: each gets its own draft', async () => {
		const twins = [{ json: {} }, { json: {} }];
		const { items, nodeError } = await run(
			[{ match: onCreate, kind: 'resetAfterProcessing', every: 2, times: 1 }],
			{ ...create, options: { ...(create.options as object), concurrency: 1 } },
			twins,
		);
		expect(nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(2);
		expect(new Set(items.map((item) => item.json.draft_id)).size).toBe(2);
		expect(items.map((item) => item.json.draft_id).sort()).toEqual(sandbox().hyperrep.drafts(ORG).map((draft) => draft.draft_id).sort());
	});

	test('a draft to the same recipient that differs from what was sent: no proof either way, the item fails', async () => {
		sandbox().hyperrep.addDraft(ORG, { recipient_email: 'Diana@example.com', subject: 'Another quote' });
		const { nodeError } = await run([{ match: onCreate, kind: 'reset', times: 1 }]);
		expect(sandbox().hyperrep.createCount).toBe(0);
		expect(methods()).toEqual(['POST 0', 'GET 200']);
		expect(nodeError?.message).toBe(
			'The connection to HyperRep closed before a response arrived (ECONNRESET): the draft may already exist',
		);
		expect(nodeError?.description).toContain('a draft to the same recipient was created since, but it differs from what was sent');
	});

	test('a Send Now draft sent at once: not listed any more, never created again', async () => {
		sandbox().hyperrep.deliverAtOnce = true;
		const { nodeError } = await run([{ match: onCreate, kind: 'resetAfterProcessing', times: 1 }], { ...create, delivery: 'sendNow' });
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(methods()).toEqual(['POST 0', 'GET 200']);
		expect(nodeError?.description).toContain('a Send Now draft leaves the list once it is sent');
	});
});
