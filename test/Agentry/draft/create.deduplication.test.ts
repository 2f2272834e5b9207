import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { deduplicationStore } from '../../harness/deduplication';
import { runNode } from '../../harness/engine';
import { agentryCredentials, byId, useSandbox } from '../../support/sandbox';

const sandbox = useSandbox();
const INBOX = 'sales@agentry.test';

beforeEach(() => {
	deduplicationStore.clear();
	sandbox().agentry.addInbox({ email: INBOX, display_name: 'Sales' });
});

const leads = [
	{ json: { lead_id: 'L1', email: 'diana@example.com' } },
	{ json: { lead_id: 'L2', email: 'steve@example.com' } },
];

const create: INodeParameters = {
	resource: 'draft',
	operation: 'create',
	inboxId: byId(INBOX),
	to: '={{ $json.email }}',
	subject: 'Your quote',
	options: { deduplicationKey: '={{ $json.lead_id }}' },
};

async function execution(input: INodeExecutionData[] = leads, parameters = create) {
	return await runNode({ type: 'agentry', parameters, credentials: agentryCredentials(sandbox()), input });
}

const sentClientIds = () => sandbox().log.filter((entry) => entry.method === 'POST').map((entry) => (entry.body as { client_id: string }).client_id);

describe('Deduplication Key on Agentry Draft Create', () => {
	test('a re-run skips the items whose key was done, on the success output, linked to their input', async () => {
		expect((await execution()).nodeError).toBeUndefined();
		const again = await execution();
		expect(again.nodeError).toBeUndefined();
		expect(sandbox().agentry.createCount).toBe(2);
		expect(again.items.map((item) => item.json)).toEqual([
			{ skipped: true, deduplication_key: 'L1' },
			{ skipped: true, deduplication_key: 'L2' },
		]);
		expect(again.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('the key yields the Client ID: the same in every execution, one per key', async () => {
		await execution();
		sandbox().clearLog();
		deduplicationStore.clear();
		await execution();
		const [first, second] = sentClientIds();
		expect(first).not.toBe(second);
		expect(sentClientIds()).toEqual(sandbox().agentry.drafts(INBOX).map((draft) => draft.client_id).reverse());
	});

	test('a crash between the create and its record: the re-run gets the same draft back from Agentry', async () => {
		deduplicationStore.failNext('removeProcessed');
		const crashed = await execution([leads[0]]);
		expect(crashed.nodeError?.message).toContain('deduplication store');
		const [draft] = sandbox().agentry.drafts(INBOX);

		const again = await execution([leads[0]]);
		expect(again.nodeError).toBeUndefined();
		expect(sandbox().agentry.createCount).toBe(1);
		expect(again.items[0].json.draft_id).toBe(draft.draft_id);
	});
});
