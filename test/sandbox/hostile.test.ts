import { Sandbox } from './server';
import { agPath, agentry, call, hrPath, hyperrep } from './testClient';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('redirect fault and the foreign host', () => {
	test('answers 302 to the foreign host with path and query kept; the foreign host logs what a follower sent', async () => {
		sandbox().faults.add({ kind: 'redirect', times: 1 });
		// n8n-core's helper follows redirects by default: this is what a careless client does.
		const response = await hyperrep(sandbox(), 'GET', hrPath(), { qs: { limit: 2 } });
		expect(response).toMatchObject({ statusCode: 200, body: {} });
		expect(sandbox().log.map((entry) => entry.status)).toEqual([302]);
		expect(sandbox().foreignLog).toHaveLength(1);
		const [followed] = sandbox().foreignLog;
		expect(followed.path).toBe(hrPath());
		expect(followed.query).toEqual({ limit: '2' });
		expect(followed.headers['x-api-key']).toBe(Sandbox.HYPERREP_API_KEY);
	});

	test('`to` names another target, `status` another redirect code', async () => {
		sandbox().faults.add({ kind: 'redirect', status: 307, to: 'http://127.0.0.1:9', times: 1 });
		const response = await call(`${sandbox().url}/human/v0/inboxes`, { headers: { 'X-Test': '1' } }).catch(
			(error: { code?: string }) => error.code,
		);
		expect(response).toBe('ECONNREFUSED');
		expect(sandbox().log[0].status).toBe(307);
	});

	test('reset clears the foreign log', async () => {
		await call(`${sandbox().foreignUrl}/anything`);
		expect(sandbox().foreignLog).toHaveLength(1);
		sandbox().reset();
		expect(sandbox().foreignLog).toEqual([]);
	});
});

describe('paging modes', () => {
	const ids = (items: Array<{ draft_id: string }>) => items.map((item) => item.draft_id);

	test('ignoresToken: every request gets the first page, with a token never seen before', async () => {
		sandbox().agentry.addInbox({ email: 'pages@agentry.test' });
		sandbox().agentry.seedDrafts('pages@agentry.test', 5);
		sandbox().paging.mode = 'ignoresToken';
		type Page = { drafts: Array<{ draft_id: string }>; next_page_token?: string };
		const first = await agentry<Page>(sandbox(), 'GET', agPath('pages@agentry.test', '/drafts'), { qs: { limit: 2 } });
		const second = await agentry<Page>(sandbox(), 'GET', agPath('pages@agentry.test', '/drafts'), {
			qs: { limit: 2, page_token: first.body.next_page_token },
		});
		expect(ids(second.body.drafts)).toEqual(ids(first.body.drafts));
		expect(second.body.next_page_token).toEqual(expect.any(String));
		expect(second.body.next_page_token).not.toBe(first.body.next_page_token);
	});

	test('repeatsItems: each page starts with the last item of the page before, and the list still ends', async () => {
		sandbox().hyperrep.seedDrafts(Sandbox.HYPERREP_ORG_ID, 5);
		sandbox().paging.mode = 'repeatsItems';
		type Page = { data: Array<{ draft_id: string }>; pagination: { next_cursor: string | null; has_more: boolean } };
		const pages: string[][] = [];
		let cursor: string | undefined;
		for (let guard = 0; guard < 10; guard++) {
			const { body } = await hyperrep<Page>(sandbox(), 'GET', hrPath(), { qs: { limit: 2, cursor } });
			pages.push(ids(body.data));
			if (!body.pagination.has_more) break;
			cursor = body.pagination.next_cursor ?? undefined;
		}
		for (let index = 1; index < pages.length; index++) expect(pages[index][0]).toBe(pages[index - 1].at(-1));
		expect(new Set(pages.flat()).size).toBe(5);
		expect(pages.length).toBe(4);
	});

	test('reset goes back to keyset paging', () => {
		sandbox().paging.mode = 'ignoresToken';
		sandbox().reset();
		expect(sandbox().paging.mode).toBe('keyset');
	});
});
