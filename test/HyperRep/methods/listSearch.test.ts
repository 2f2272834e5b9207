import { listSearch } from '../../harness/loadOptions';
import { hyperRepCredentials, requestLines } from '../../support/sandbox';
import { BASE, ORG, useHyperRep } from '../support';

const { sandbox, hyperRep } = useHyperRep();

describe('folders', () => {
	test('lists the folders in use plus the default, sorted', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 130, (i) => ({ folder: ['sales-follow-up', 'renewals', 'drafts'][i % 3] }));
		const { results } = await listSearch({
			type: 'hyperRep',
			method: 'searchFolders',
			credentials: hyperRepCredentials(sandbox()),
		});
		expect(results).toEqual([
			{ name: 'drafts', value: 'drafts' },
			{ name: 'renewals', value: 'renewals' },
			{ name: 'sales-follow-up', value: 'sales-follow-up' },
		]);
		expect(requestLines(sandbox())).toEqual([`GET ${BASE}`, `GET ${BASE}`]);
	});

	test('filters by the typed text', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 3, (i) => ({ folder: ['sales-follow-up', 'renewals', 'drafts'][i] }));
		const { results } = await listSearch({
			type: 'hyperRep',
			method: 'searchFolders',
			filter: 'SALES',
			credentials: hyperRepCredentials(sandbox()),
		});
		expect(results).toEqual([{ name: 'sales-follow-up', value: 'sales-follow-up' }]);
	});

	test('offers the default folder for an organization without drafts', async () => {
		const { results } = await listSearch({ type: 'hyperRep', method: 'searchFolders', credentials: hyperRepCredentials(sandbox()) });
		expect(results).toEqual([{ name: 'drafts', value: 'drafts' }]);
	});

	test.each([
		['picked from the list', { __rl: true, mode: 'list', value: 'renewals' }, 'renewals'],
		['typed by name', { __rl: true, mode: 'name', value: 'Sales Follow-up' }, 'Sales Follow-up'],
		['a plain string, as workflows saved before the picker store it', 'Q3 Push', 'Q3 Push'],
	])('a folder %s is sent as its name', async (_name, folder, sent) => {
		const { nodeError } = await hyperRep({ operation: 'create', toEmail: 'a@example.com', subject: 'Hi', folder });
		expect(nodeError).toBeUndefined();
		expect((sandbox().log[0].body as { folder: string }).folder).toBe(sent);
	});
});

describe('draft picker', () => {
	test('lists the drafts newest first as "Subject → recipient [folder]", one page per scroll', async () => {
		const drafts = sandbox().hyperrep.seedDrafts(ORG, 130);
		const newestFirst = sandbox().hyperrep.drafts(ORG);
		const first = await listSearch({ type: 'hyperRep', method: 'searchDrafts', credentials: hyperRepCredentials(sandbox()) });
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({
			name: `${newestFirst[0].subject} → ${newestFirst[0].recipient_name} <${newestFirst[0].recipient_email}> [${newestFirst[0].folder}]`,
			value: newestFirst[0].draft_id,
		});
		const second = await listSearch({
			type: 'hyperRep',
			method: 'searchDrafts',
			credentials: hyperRepCredentials(sandbox()),
			paginationToken: first.paginationToken as string,
		});
		expect(second.paginationToken).toBeUndefined();
		const values = [...first.results, ...second.results].map((result) => result.value);
		expect(new Set(values)).toEqual(new Set(drafts.map((draft) => draft.draft_id)));
		expect(values).toHaveLength(130);
	});

	test('filters by subject, recipient or folder', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 3, (i) => ({ subject: ['Renewal offer', 'Quote', 'Hello'][i] }));
		const { results } = await listSearch({
			type: 'hyperRep',
			method: 'searchDrafts',
			credentials: hyperRepCredentials(sandbox()),
			filter: 'renewal',
		});
		expect(results.map((result) => result.name)).toEqual([expect.stringMatching(/^Renewal offer → /)]);
	});

	test('a draft picked from the list is read by its value', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(ORG, 1);
		const { items } = await hyperRep({ operation: 'get', draftId: { __rl: true, mode: 'list', value: draft.draft_id } });
		expect(items[0].json.draft_id).toBe(draft.draft_id);
	});
});
