import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { deduplicationStore } from '../../harness/deduplication';
import { runNode } from '../../harness/engine';
import { agentryCredentials, byId, useSandbox } from '../../support/sandbox';

/**
 * n8n's deduplication store loses records when executions on two workers write its row at once.
 * Agentry's create needs no lookup for a key it lost: the key, not the store, yields the Client ID,
 * and Agentry answers a repeat with the draft it made.
 */

const sandbox = useSandbox();
const INBOX = 'sales@agentry.test';

beforeEach(() => {
	deduplicationStore.clear();
	sandbox().agentry.addInbox({ email: INBOX, display_name: 'Sales' });
});

const lead = (number: number) => ({ json: { lead_id: `L${number}`, email: `lead${number}@example.com` } });

const create: INodeParameters = {
	resource: 'draft',
	operation: 'create',
	inboxId: byId(INBOX),
	to: '={{ $json.email }}',
	subject: 'Welcome',
	options: { deduplicationKey: '={{ $json.lead_id }}' },
};

async function execution(input: INodeExecutionData[]) {
	return await runNode({ type: 'agentry', parameters: create, credentials: agentryCredentials(sandbox()), input });
}

describe('Agentry Draft Create, a Deduplication Key the store lost', () => {
	test('the re-run gets the draft the first execution made back from Agentry: one draft per lead', async () => {
		await execution([lead(0)]);
		const overlapping = deduplicationStore.overlappingCall();
		const leads = [lead(1), lead(2), lead(3)];
		const first = await execution(leads);
		overlapping();
		expect(deduplicationStore.recorded('test-workflow', 'node-1', ['done:L1', 'done:L2', 'done:L3'])).toEqual([false, false, false]);

		const again = await execution(leads);
		expect(again.nodeError).toBeUndefined();
		expect(again.items.map((item) => item.json.draft_id)).toEqual(first.items.map((item) => item.json.draft_id));
		expect(sandbox().agentry.createCount).toBe(4);
		expect(sandbox().agentry.drafts(INBOX)).toHaveLength(4);
	});
});
