import type { INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const ITEMS = 300;

const input: INodeExecutionData[] = Array.from({ length: ITEMS }, (_, n) => ({ json: { n } }));

/**
 * One create in five refused: every 10th with 429 and Retry-After, every 9th of the rest with 503.
 * At that rate an item is refused four times running about once in 600 tries: the default Max
 * Retries (10) is what lets every run finish.
 */
function refuseOneInFive(path: string) {
	sandbox().faults.add({ match: { method: 'POST', path }, kind: 'status', status: 429, retryAfter: '0', every: 10 });
	sandbox().faults.add({ match: { method: 'POST', path }, kind: 'status', status: 503, every: 9 });
}

const BULK_INBOX = 'bulk@agentry.test';

/** Each node's create: where it posts, its parameters, and the drafts the sandbox then holds. */
const creates = {
	HyperRep: {
		type: 'hyperRep',
		path: () => `/api/v2/organizations/${ORG}/message-drafts`,
		parameters: { resource: 'messageDraft', operation: 'create', toEmail: 'lead@example.com' },
		credentials: () => hyperRepCredentials(sandbox()),
		created: () => ({ count: sandbox().hyperrep.createCount, drafts: sandbox().hyperrep.drafts(ORG) }),
	},
	Agentry: {
		type: 'agentry',
		path: () => `/human/v0/inboxes/${encodeURIComponent(BULK_INBOX)}/drafts`,
		parameters: { resource: 'draft', operation: 'create', inboxId: byId(BULK_INBOX), to: 'lead@example.com' },
		credentials: () => agentryCredentials(sandbox()),
		created: () => ({ count: sandbox().agentry.createCount, drafts: sandbox().agentry.drafts(BULK_INBOX) }),
	},
};

describe.each(Object.entries(creates))('%s create, 300 items with 20% refused', (_name, node) => {
	beforeEach(() => sandbox().agentry.addInbox({ email: BULK_INBOX, display_name: 'Bulk' }));

	test.each([
		['Max Concurrency 1', { concurrency: 1 }],
		['Max Concurrency 10', { concurrency: 10 }],
		['the default (adaptive) concurrency', {}],
	])('at %s, every item is created exactly once, in input order', async (_name, concurrency) => {
		refuseOneInFive(node.path());
		const { items, nodeError } = await runNode({
			type: node.type,
			parameters: { ...node.parameters, subject: '={{ "Item " + $json.n }}', options: concurrency },
			credentials: node.credentials(),
			input,
		});
		expect(nodeError).toBeUndefined();

		const refused = sandbox().log.filter((entry) => entry.status === 429 || entry.status === 503);
		expect(refused.length).toBeGreaterThanOrEqual(ITEMS * 0.2);
		const { count, drafts } = node.created();
		expect(count).toBe(ITEMS);
		const subjects = new Map(drafts.map((draft) => [draft.draft_id, draft.subject]));
		expect(new Set(subjects.values()).size).toBe(ITEMS);
		expect(items).toHaveLength(ITEMS);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(subjects.get(item.json.draft_id as string)).toBe(`Item ${index}`);
		});
	}, 60_000);
});
