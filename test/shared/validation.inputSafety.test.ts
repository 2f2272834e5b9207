import { MAX_EMPTY_PAGES } from '../../nodes/shared/pagination';
import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, requestLines, useSandbox } from '../support/sandbox';

/** Inputs that would change the route, or that the API would reject, are fixed or refused first. */
const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const INBOX = 'safety@agentry.test';
const HYPERREP_LIST = `/api/v2/organizations/${ORG}/message-drafts`;
const AGENTRY_DRAFTS = `/human/v0/inboxes/${encodeURIComponent(INBOX)}/drafts`;

beforeEach(() => sandbox().agentry.addInbox({ email: INBOX, display_name: 'Safety' }));

describe('a Base URL that goes on into the API is trimmed to its root', () => {
	test.each(['/api/v2', '/api/v2/', `/api/v2/organizations/${ORG}/message-drafts`, '/API/V2'])(
		'HyperRep Base URL ending in %s',
		async (suffix) => {
			const { nodeError } = await runNode({
				type: 'hyperRep',
				parameters: { resource: 'messageDraft', operation: 'getAll', returnAll: true },
				credentials: hyperRepCredentials(sandbox(), { baseUrl: `${sandbox().url}${suffix}` }),
			});
			expect(nodeError).toBeUndefined();
			expect(requestLines(sandbox())).toEqual([`GET ${HYPERREP_LIST}`]);
		},
	);

	test.each(['/human/v0', '/human/v0/', '/human/v0/inboxes'])('Agentry Base URL ending in %s', async (suffix) => {
		const { nodeError } = await runNode({
			type: 'agentry',
			parameters: { resource: 'draft', operation: 'getAll', inboxId: byId(INBOX), returnAll: true },
			credentials: agentryCredentials(sandbox(), { baseUrl: `${sandbox().url}${suffix}` }),
		});
		expect(nodeError).toBeUndefined();
		expect(requestLines(sandbox())).toEqual([`GET ${AGENTRY_DRAFTS}`]);
	});
});

describe('addresses are sent in the form the reference documents', () => {
	test('Agentry create normalizes display-name forms the API would refuse', async () => {
		const { items, nodeError } = await runNode({
			type: 'agentry',
			parameters: {
				resource: 'draft',
				operation: 'create',
				inboxId: byId(INBOX),
				to: 'Jane<jane@example.com>, Joe    Doe   <joe@example.com>',
				subject: 'Hi',
				additionalFields: { cc: 'Jane @ Acme <ja@example.com>', replyTo: '"Doe, Team" <team@example.com>' },
			},
			credentials: agentryCredentials(sandbox()),
		});
		expect(nodeError).toBeUndefined();
		expect(sandbox().log[0].body).toMatchObject({
			to: ['Jane <jane@example.com>', 'Joe Doe <joe@example.com>'],
			cc: ['"Jane @ Acme" <ja@example.com>'],
			reply_to: ['"Doe, Team" <team@example.com>'],
		});
		expect(sandbox().log[0].status).toBe(201);
		expect(items[0].json.to).toEqual(['Jane <jane@example.com>', 'Joe Doe <joe@example.com>']);
	});

	test('a display name with a line break is refused before sending', async () => {
		const { nodeError } = await runNode({
			type: 'agentry',
			parameters: {
				resource: 'draft',
				operation: 'create',
				inboxId: byId(INBOX),
				to: '={{ "Jane\\r\\nBcc: all@example.com <jane@example.com>" }}',
				subject: 'Hi',
			},
			credentials: agentryCredentials(sandbox()),
		});
		expect(nodeError?.message).toMatch(/^To address contains a control character \(carriage return at position 5\)/);
		expect(sandbox().log).toEqual([]);
	});
});

describe('Return All stops when pages stop making progress', () => {
	test('empty pages with ever-new tokens end in a clear error, not an endless walk', async () => {
		sandbox().faults.add({
			match: { method: 'GET', path: AGENTRY_DRAFTS },
			kind: 'body',
			body: (fired) => JSON.stringify({ count: 0, limit: 100, drafts: [], next_page_token: `token-${fired}` }),
		});
		const { nodeError } = await runNode({
			type: 'agentry',
			parameters: { resource: 'draft', operation: 'getAll', inboxId: byId(INBOX), returnAll: true },
			credentials: agentryCredentials(sandbox()),
		});
		expect(nodeError?.message).toBe(
			`Listing stopped after 0 items because ${MAX_EMPTY_PAGES} pages in a row had no items but promised more: the API is not making progress`,
		);
		expect(sandbox().log).toHaveLength(MAX_EMPTY_PAGES);
	});

	test('a few empty pages in between are followed', async () => {
		const page = (fired: number) =>
			fired < 3
				? { count: 0, limit: 100, drafts: [], next_page_token: `token-${fired}` }
				: { count: 1, limit: 100, drafts: [{ draft_id: 'dr_late', inbox_id: INBOX }] };
		sandbox().faults.add({
			match: { method: 'GET', path: AGENTRY_DRAFTS },
			kind: 'body',
			body: (fired) => JSON.stringify(page(fired)),
		});
		const { items, nodeError } = await runNode({
			type: 'agentry',
			parameters: { resource: 'draft', operation: 'getAll', inboxId: byId(INBOX), returnAll: true },
			credentials: agentryCredentials(sandbox()),
		});
		expect(nodeError).toBeUndefined();
		expect(items.map((item) => item.json.draft_id)).toEqual(['dr_late']);
		expect(sandbox().log.map((entry) => entry.query.page_token)).toEqual([undefined, 'token-1', 'token-2']);
	});
});
