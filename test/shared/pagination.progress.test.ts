import { MAX_EMPTY_PAGES } from '../../nodes/shared/pagination';
import { listSearch, loadOptions } from '../harness/loadOptions';
import { runNode } from '../harness/engine';
import { ActiveTrigger, fetchTestEvent } from '../harness/poll';
import { agentryCredentials, byId, fromList, hyperRepCredentials, useSandbox } from '../support/sandbox';

/**
 * Listing against servers whose pages do not progress: one that ignores the page token and serves
 * the first page with a fresh token every time, one whose pages repeat items, and one that says
 * more follow without a cursor. Every draft is listed once, and every walk ends.
 */

const sandbox = useSandbox();
const ORG = 'HR_org_paging';
const KEY = 'hr_paging_key_123';
const INBOX = 'paging@agentry.test';
const DRAFTS = 250;
const hyperRep = () => hyperRepCredentials(sandbox(), { apiKey: KEY, organizationId: ORG });
const agentry = () => agentryCredentials(sandbox());

beforeEach(() => {
	sandbox().hyperrep.addOrganization({ organizationId: ORG, apiKey: KEY, channels: { email: true } });
	sandbox().agentry.addInbox({ email: INBOX });
});

const seed = () => {
	sandbox().hyperrep.seedDrafts(ORG, DRAFTS);
	sandbox().agentry.seedDrafts(INBOX, DRAFTS);
};

const getAll = {
	hyperRep: { type: 'hyperRep', parameters: { resource: 'messageDraft', operation: 'getAll', returnAll: true }, credentials: hyperRep },
	agentry: { type: 'agentry', parameters: { resource: 'draft', operation: 'getAll', inboxId: byId(INBOX), returnAll: true }, credentials: agentry },
};
const ids = (items: Array<{ json: Record<string, unknown> }>) => items.map((item) => item.json.draft_id);

describe.each(Object.entries(getAll))('%s Return All', (_name, { type, parameters, credentials }) => {
	test('a server that ignores the page token: a clear error after a bounded number of requests', async () => {
		seed();
		sandbox().paging.mode = 'ignoresToken';
		const { nodeError } = await runNode({ type, parameters, credentials: credentials() });
		expect(nodeError?.message).toBe(
			`Listing stopped after 100 items because ${MAX_EMPTY_PAGES} pages in a row brought no item that was not listed before: the API is not making progress (it may be ignoring the page token)`,
		);
		expect(sandbox().log).toHaveLength(1 + MAX_EMPTY_PAGES);
	});

	test('pages that repeat items: every draft once, in the order listed', async () => {
		seed();
		sandbox().paging.mode = 'repeatsItems';
		const { items, nodeError } = await runNode({ type, parameters, credentials: credentials() });
		expect(nodeError).toBeUndefined();
		expect(items).toHaveLength(DRAFTS);
		expect(new Set(ids(items)).size).toBe(DRAFTS);
		sandbox().paging.mode = 'keyset';
		const plain = await runNode({ type, parameters, credentials: credentials() });
		expect(ids(items)).toEqual(ids(plain.items));
	});

	test('pages that repeat items, with a Limit: as many distinct drafts as asked for', async () => {
		seed();
		sandbox().paging.mode = 'repeatsItems';
		const { items } = await runNode({ type, parameters: { ...parameters, returnAll: false, limit: 150 }, credentials: credentials() });
		expect(items).toHaveLength(150);
		expect(new Set(ids(items)).size).toBe(150);
	});
});

test('HyperRep: has_more without a cursor is a clear error, not a silent partial list', async () => {
	sandbox().faults.add({
		match: { method: 'GET' },
		kind: 'body',
		body: JSON.stringify({ data: [{ draft_id: 'HR_id_1' }, { draft_id: 'HR_id_2' }], pagination: { limit: 100, cursor: null, next_cursor: null, has_more: true } }),
	});
	const { nodeError } = await runNode({ ...getAll.hyperRep, credentials: hyperRep() });
	expect(nodeError?.message).toBe(
		'Listing stopped after 2 items because the API said more follow but gave no cursor to read them: the list would be incomplete',
	);
	expect(sandbox().log).toHaveLength(1);
});

test('HyperRep: has_more without a cursor does not matter once a Limit is reached', async () => {
	sandbox().faults.add({
		match: { method: 'GET' },
		kind: 'body',
		body: JSON.stringify({ data: [{ draft_id: 'HR_id_1' }, { draft_id: 'HR_id_2' }], pagination: { limit: 2, cursor: null, next_cursor: null, has_more: true } }),
	});
	const { items, nodeError } = await runNode({ ...getAll.hyperRep, parameters: { ...getAll.hyperRep.parameters, returnAll: false, limit: 2 }, credentials: hyperRep() });
	expect(nodeError).toBeUndefined();
	expect(items).toHaveLength(2);
});

describe('pickers', () => {
	test('Agentry labels (load options) end against a server that ignores the page token', async () => {
		seed();
		sandbox().paging.mode = 'ignoresToken';
		await expect(loadOptions({ type: 'agentry', method: 'getLabels', credentials: agentry(), parameters: { inboxId: fromList(INBOX) } })).rejects.toThrow(
			/pages in a row brought no item that was not listed before/,
		);
		expect(sandbox().log).toHaveLength(1 + MAX_EMPTY_PAGES);
	});

	test('Agentry draft list search stops scrolling at a page of drafts already listed', async () => {
		seed();
		sandbox().paging.mode = 'ignoresToken';
		const call = { type: 'agentry', method: 'searchDrafts', credentials: agentry(), parameters: { inboxId: fromList(INBOX) }, filter: 'no such subject' };
		const page = await listSearch(call);
		expect(page).toEqual({ results: [], paginationToken: undefined });
		expect(sandbox().log).toHaveLength(2);
	});

	test('Agentry draft list search lists each draft once when pages repeat items', async () => {
		seed();
		sandbox().paging.mode = 'repeatsItems';
		const page = await listSearch({ type: 'agentry', method: 'searchDrafts', credentials: agentry(), parameters: { inboxId: fromList(INBOX) } });
		const values = page.results.map((result) => result.value);
		expect(new Set(values).size).toBe(values.length);
	});
});

describe('triggers', () => {
	const triggers = [
		{
			type: 'hyperRepTrigger',
			parameters: { event: 'newMessageDraft' },
			credentials: hyperRep,
			seed: () => sandbox().hyperrep.seedDrafts(ORG, DRAFTS),
			matchingNothing: { filters: { modality: 'text' } },
		},
		{
			type: 'agentryTrigger',
			parameters: { inboxId: fromList(INBOX), events: ['draftCreatedOrUpdated'] },
			credentials: agentry,
			seed: () => sandbox().agentry.seedDrafts(INBOX, DRAFTS),
			matchingNothing: { events: ['draftSendFailed'] },
		},
	];

	test.each(triggers)('$type: a poll against a server that ignores the page token fails after a bounded walk', async ({ type, parameters, credentials, seed: add }) => {
		const { trigger } = await ActiveTrigger.activate({ type, parameters, credentials: credentials() });
		add();
		sandbox().clearLog();
		sandbox().paging.mode = 'ignoresToken';
		const outcome = await trigger.poll();
		expect(outcome.items).toEqual([]);
		expect(outcome.error?.message).toMatch(/pages in a row brought no item that was not listed before/);
		expect(sandbox().log).toHaveLength(1 + MAX_EMPTY_PAGES);
		// The state was not moved: with the server fixed, the next poll emits every new draft once.
		sandbox().paging.mode = 'keyset';
		const next = await trigger.poll();
		expect(next.items).toHaveLength(DRAFTS);
	});

	test.each(triggers)('$type: pages that repeat items emit each new draft once', async ({ type, parameters, credentials, seed: add }) => {
		const { trigger } = await ActiveTrigger.activate({ type, parameters, credentials: credentials() });
		add();
		sandbox().paging.mode = 'repeatsItems';
		const { items, error } = await trigger.poll();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(DRAFTS);
		expect(new Set(ids(items)).size).toBe(DRAFTS);
	});

	test.each(triggers)('$type: Fetch Test Event against a server that ignores the page token ends', async ({ type, parameters, credentials, seed: add, matchingNothing }) => {
		add();
		sandbox().paging.mode = 'ignoresToken';
		const { error } = await fetchTestEvent({ type, parameters: { ...parameters, ...matchingNothing }, credentials: credentials() });
		expect(error?.message).toMatch(/pages in a row brought no item that was not listed before/);
		expect(sandbox().log.length).toBeLessThanOrEqual(1 + MAX_EMPTY_PAGES);
	});
});
