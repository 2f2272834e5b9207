import { useSandbox } from '../support/sandbox';
import { agentry, agPath, hrPath, hyperrep } from './testClient';

/** Strict mode records every request the references do not allow, and nothing else. */
const sandbox = useSandbox({ strict: true });
const INBOX = 'strict@agentry.test';
const reasons = () => sandbox().violations.map((violation) => violation.reason);

beforeEach(() => sandbox().agentry.addInbox({ email: INBOX, display_name: 'Strict' }));

test('requests the references allow leave no violation, whatever the API answers', async () => {
	const future = new Date(Date.now() + 86_400_000).toISOString();
	const created = await agentry<{ draft_id: string }>(sandbox(), 'POST', agPath(INBOX, '/drafts'), {
		body: { to: ['Jane Doe <jane@example.com>'], subject: 'Hi', text: 'Line one\r\n\tLine two', send_at: future, labels: ['vip'] },
	});
	expect(created.statusCode).toBe(201);
	await agentry(sandbox(), 'PATCH', agPath(INBOX, `/drafts/${created.body.draft_id}`), { body: { subject: 'Again' } });
	await agentry(sandbox(), 'GET', agPath(INBOX, '/drafts'), { qs: { limit: 5 } });
	// Not found is an answer the reference allows to a request it allows.
	expect((await agentry(sandbox(), 'GET', agPath(INBOX, '/drafts/dr_missing'))).statusCode).toBe(404);
	await hyperrep(sandbox(), 'POST', hrPath(), { body: { modality: 'email', to_email: 'a@example.com', subject: 'Hi' } });
	await hyperrep(sandbox(), 'GET', hrPath(), { qs: { limit: 10, start_date: '2026-01-01' } });
	expect(sandbox().violations).toEqual([]);
});

test.each([
	['a line break in a subject', { subject: 'Hi\r\nBcc: all@example.com' }, 'field "subject" has a control character in a single line'],
	['a NUL in a label', { labels: ['ok', 'a\u0000b'] }, 'field "labels" has a control character in a single line'],
	['a send_at in 1970', { send_at: '1970-01-01T00:00:00Z' }, 'send_at 1970-01-01T00:00:00Z is before 2000'],
	['a send_at an hour ago', { send_at: new Date(Date.now() - 3_600_000).toISOString() }, /^send_at .* is in the past$/],
	['a field the reference does not list', { priority: 'high' }, 'field "priority" is not in the reference'],
	['an attachment field the reference does not list', { attachments: [{ url: 'https://example.com/a.pdf', size: 3 }] }, 'field "attachments[0].size" is not in the reference'],
	['an address the API refuses', { to: ['Jane <jane@example.com'] }, /^the API refused it: 400 /],
])('an Agentry create with %s is a violation', async (_name, body, reason) => {
	await agentry(sandbox(), 'POST', agPath(INBOX, '/drafts'), { body });
	expect(reasons()).toEqual([expect.stringMatching(typeof reason === 'string' ? new RegExp(`^${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : reason)]);
});

test.each([
	['an unknown query parameter', () => hyperrep(sandbox(), 'GET', hrPath(), { qs: { sort: 'asc' } }), 'query parameter "sort" is not in the reference'],
	['a body on a send', () => agentry(sandbox(), 'POST', agPath(INBOX, '/drafts/dr_x/send'), { body: { now: true } }), 'a body on a request that has none'],
	['a limit the API refuses', () => hyperrep(sandbox(), 'GET', hrPath(), { qs: { limit: 1000 } }), /^the API refused it: 422 /],
	['a HyperRep name with a line feed', () => hyperrep(sandbox(), 'POST', hrPath(), { body: { modality: 'email', to_email: 'a@example.com', subject: 'Hi', to_user_name: 'Di\nana' } }), 'field "to_user_name" has a control character in a single line'],
])('%s is a violation', async (_name, send, reason) => {
	await send();
	expect(reasons()).toEqual([typeof reason === 'string' ? reason : expect.stringMatching(reason)]);
});

test('a route of no reference is a violation, and so is the API refusing it', async () => {
	await hyperrep(sandbox(), 'GET', '/api/v2/organizations');
	expect(reasons()).toEqual(['no route of the references is GET /api/v2/organizations', 'the API refused it: 404 {"detail":"Not Found"}']);
});

test('violations are cleared with the log', async () => {
	await hyperrep(sandbox(), 'GET', hrPath(), { qs: { sort: 'asc' } });
	expect(sandbox().violations).toHaveLength(1);
	sandbox().reset();
	expect(sandbox().violations).toEqual([]);
});
