import { agentry, agPath } from './testClient';
import { type AgError, b64 } from './testSupport';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('Agentry auth', () => {
	it.each([
		[null, undefined],
		['wrong', undefined],
		[null, `Basic ${b64('user:pass')}`],
		[null, `Bearer`],
	])('token %p / Authorization %p -> 401 with the error shape', async (token, authorization) => {
		const inbox = sandbox().agentry.addInbox({});
		const res = await agentry<AgError>(sandbox(), 'GET', agPath(inbox.inbox_id, '/drafts'), {
			token,
			headers: authorization === undefined ? {} : { Authorization: authorization },
		});
		expect(res.statusCode).toBe(401);
		expect(res.body).toEqual({ name: 'UnauthorizedError', code: 'unauthorized', message: expect.any(String), fix: expect.any(String) });
	});

	it('every route needs the token; added tokens work', async () => {
		const inbox = sandbox().agentry.addInbox({});
		const [d] = sandbox().agentry.seedDrafts(inbox.inbox_id, 1);
		const paths: Array<['GET' | 'POST' | 'PATCH' | 'DELETE', string]> = [
			['GET', '/human/v0/inboxes'],
			['GET', agPath(inbox.inbox_id)],
			['GET', agPath(inbox.inbox_id, '/drafts')],
			['POST', agPath(inbox.inbox_id, '/drafts')],
			['GET', agPath(inbox.inbox_id, `/drafts/${d.draft_id}`)],
			['PATCH', agPath(inbox.inbox_id, `/drafts/${d.draft_id}`)],
			['DELETE', agPath(inbox.inbox_id, `/drafts/${d.draft_id}`)],
			['POST', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/send`)],
			['POST', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/attachments`)],
			['GET', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/attachments/att_x`)],
			['DELETE', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/attachments/att_x`)],
		];
		for (const [method, path] of paths) {
			const res = await agentry(sandbox(), method, path, { token: null, body: { subject: 's' } });
			expect([method, path, res.statusCode]).toEqual([method, path, 401]);
		}
		expect(sandbox().agentry.drafts(inbox.inbox_id)).toHaveLength(1);
		sandbox().agentry.addToken('agt_second');
		expect((await agentry(sandbox(), 'GET', '/human/v0/inboxes', { token: 'agt_second' })).statusCode).toBe(200);
	});
});
