import { agentry, agPath, type TestResponse } from './testClient';
import { type AgError, type AgPage } from './testSupport';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('Agentry drafts list', () => {
	it('pages by updated_at descending (default 20), list items without bodies', async () => {
		const inbox = sandbox().agentry.addInbox({});
		const seeded = sandbox().agentry.seedDrafts(inbox.inbox_id, 50, (i) => ({ html: `<p>Body ${i}</p>`, text: undefined }));
		const ids: string[] = [];
		const sizes: number[] = [];
		let token: string | undefined;
		do {
			const res: TestResponse<AgPage> = await agentry<AgPage>(sandbox(), 'GET', agPath(inbox.inbox_id, '/drafts'), {
				qs: token === undefined ? {} : { page_token: token },
			});
			expect(res.statusCode).toBe(200);
			const drafts = res.body.drafts ?? [];
			sizes.push(drafts.length);
			expect(res.body.count).toBe(drafts.length);
			for (const d of drafts) {
				expect(d).not.toHaveProperty('html');
				expect(d).not.toHaveProperty('text');
				expect(d).toHaveProperty('preview');
				expect(d).toHaveProperty('attachments');
			}
			ids.push(...drafts.map((d) => String(d.draft_id)));
			token = res.body.next_page_token;
		} while (token !== undefined);
		expect(sizes).toEqual([20, 20, 10]);
		expect(ids).toEqual(seeded.map((d) => d.draft_id));
	});

	it('an updated draft moves to the top of the list', async () => {
		const inbox = sandbox().agentry.addInbox({});
		const seeded = sandbox().agentry.seedDrafts(inbox.inbox_id, 5);
		await agentry(sandbox(), 'PATCH', agPath(inbox.inbox_id, `/drafts/${seeded[4].draft_id}`), { body: { subject: 'bumped' } });
		const res = await agentry<AgPage>(sandbox(), 'GET', agPath(inbox.inbox_id, '/drafts'), { qs: { limit: 2 } });
		expect(res.body.drafts?.map((d) => d.draft_id)).toEqual([seeded[4].draft_id, seeded[0].draft_id]);
	});

	it.each([[{ limit: '101' }, 'invalid_limit'], [{ limit: '0' }, 'invalid_limit'], [{ limit: 'x' }, 'invalid_limit'], [{ page_token: 'bogus' }, 'invalid_page_token']])(
		'%p -> 400 ValidationError',
		async (qs, code) => {
			const inbox = sandbox().agentry.addInbox({});
			const res = await agentry<AgError>(sandbox(), 'GET', agPath(inbox.inbox_id, '/drafts'), { qs });
			expect(res.statusCode).toBe(400);
			expect(res.body).toMatchObject({ name: 'ValidationError', code });
		},
	);

	it('limit 100 is accepted', async () => {
		const inbox = sandbox().agentry.addInbox({});
		sandbox().agentry.seedDrafts(inbox.inbox_id, 120);
		const res = await agentry<AgPage>(sandbox(), 'GET', agPath(inbox.inbox_id, '/drafts'), { qs: { limit: 100 } });
		expect(res.body.drafts).toHaveLength(100);
		expect(res.body.limit).toBe(100);
	});
});
