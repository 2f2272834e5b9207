import { type AgentryInbox } from './server';
import { agentry, agPath, type TestResponse } from './testClient';
import { type AgError, type AgPage } from './testSupport';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('Agentry inboxes', () => {
	it('lists inboxes in pages with next_page_token absent on the last page', async () => {
		const seeded = sandbox().agentry.seedInboxes(45);
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const res: TestResponse<AgPage> = await agentry<AgPage>(sandbox(), 'GET', '/human/v0/inboxes', {
				qs: token === undefined ? {} : { page_token: token },
			});
			expect(res.statusCode).toBe(200);
			expect(res.body.limit).toBe(20);
			expect(res.body.count).toBe(res.body.inboxes?.length);
			seen.push(...(res.body.inboxes ?? []).map((i) => i.inbox_id));
			token = res.body.next_page_token;
			if (token === undefined) expect('next_page_token' in res.body).toBe(false);
			pages++;
		} while (token !== undefined);
		expect(pages).toBe(3);
		expect(new Set(seen)).toEqual(new Set(seeded.map((i) => i.inbox_id)));
		expect(seen).toHaveLength(45);
	});

	it('inbox shape, get by (encoded) id, unknown inbox', async () => {
		const inbox = sandbox().agentry.addInbox({ email: 'sales@agentry.test', display_name: 'Sales' });
		expect(inbox.inbox_id).toBe('sales@agentry.test');
		const res = await agentry<AgentryInbox>(sandbox(), 'GET', agPath(inbox.inbox_id));
		expect(res.body).toEqual({
			inbox_id: 'sales@agentry.test',
			email: 'sales@agentry.test',
			display_name: 'Sales',
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		const missing = await agentry<AgError>(sandbox(), 'GET', agPath('nobody@agentry.test', '/drafts'));
		expect(missing.statusCode).toBe(404);
		expect(missing.body).toEqual({ name: 'NotFoundError', code: 'inbox_not_found', message: 'Inbox nobody@agentry.test not found' });
	});
});
