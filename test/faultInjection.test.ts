import type { INodeExecutionData } from 'n8n-workflow';

import { runNode } from './harness/engine';
import { Sandbox } from './sandbox/server';
import { agentryCredentials, hyperRepCredentials, useSandbox } from './support/sandbox';

const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const ITEMS = 300;

const input: INodeExecutionData[] = Array.from({ length: ITEMS }, (_, n) => ({ json: { n } }));

/**
 * One create in five refused: every 10th with 429 and Retry-After, every 9th of the rest with 503.
 * At that rate an item is refused four times running about once in 600 tries, so these runs
 * raise Max Retries, as a user facing such an API would.
 */
function refuseOneInFive(path: string) {
	sandbox().faults.add({ match: { method: 'POST', path }, kind: 'status', status: 429, retryAfter: '0', every: 10 });
	sandbox().faults.add({ match: { method: 'POST', path }, kind: 'status', status: 503, every: 9 });
}

function expectOrderedOutput(items: INodeExecutionData[], subjectOf: (draftId: string) => unknown) {
	expect(items).toHaveLength(ITEMS);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(subjectOf(item.json.draft_id as string)).toBe(`Item ${index}`);
	});
}

describe.each([1, 10])('HyperRep create, 300 items at Concurrency %i with 20% refused', (concurrency) => {
	test('every item is created exactly once, in input order', async () => {
		refuseOneInFive(`/api/v2/organizations/${ORG}/message-drafts`);
		const { items, nodeError } = await runNode({
			type: 'hyperRep',
			parameters: {
				resource: 'messageDraft',
				operation: 'create',
				toEmail: 'lead@example.com',
				subject: '={{ "Item " + $json.n }}',
				options: { concurrency, maxRetries: 10 },
			},
			credentials: hyperRepCredentials(sandbox()),
			input,
		});
		expect(nodeError).toBeUndefined();

		const refused = sandbox().log.filter((entry) => entry.status === 429 || entry.status === 503);
		expect(refused.length).toBeGreaterThanOrEqual(ITEMS * 0.2);
		expect(sandbox().hyperrep.createCount).toBe(ITEMS);
		const drafts = new Map(sandbox().hyperrep.drafts(ORG).map((draft) => [draft.draft_id, draft.subject]));
		expect(new Set(drafts.values()).size).toBe(ITEMS);
		expectOrderedOutput(items, (id) => drafts.get(id));
	}, 60_000);
});

describe.each([1, 10])('Agentry create, 300 items at Concurrency %i with 20% refused', (concurrency) => {
	test('every item is created exactly once, in input order', async () => {
		const inbox = 'bulk@agentry.test';
		sandbox().agentry.addInbox({ email: inbox, display_name: 'Bulk' });
		refuseOneInFive(`/human/v0/inboxes/${encodeURIComponent(inbox)}/drafts`);
		const { items, nodeError } = await runNode({
			type: 'agentry',
			parameters: {
				resource: 'draft',
				operation: 'create',
				inboxId: { __rl: true, mode: 'id', value: inbox },
				to: 'lead@example.com',
				subject: '={{ "Item " + $json.n }}',
				options: { concurrency, maxRetries: 10 },
			},
			credentials: agentryCredentials(sandbox()),
			input,
		});
		expect(nodeError).toBeUndefined();

		const refused = sandbox().log.filter((entry) => entry.status === 429 || entry.status === 503);
		expect(refused.length).toBeGreaterThanOrEqual(ITEMS * 0.2);
		expect(sandbox().agentry.createCount).toBe(ITEMS);
		const drafts = new Map(sandbox().agentry.drafts(inbox).map((draft) => [draft.draft_id, draft.subject]));
		expect(new Set(drafts.values()).size).toBe(ITEMS);
		expectOrderedOutput(items, (id) => drafts.get(id));
	}, 60_000);
});
