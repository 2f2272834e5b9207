import { type AgentryDraft, type AgentryInbox } from './server';
import { agentry, agPath, call } from './testClient';
import { type AgError, b64 } from './testSupport';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('Agentry create, get, update, delete, send', () => {
	let inbox: AgentryInbox;
	beforeEach(() => {
		inbox = sandbox().agentry.addInbox({ email: 'sales@agentry.test' });
	});
	const drafts = (suffix = ''): string => agPath(inbox.inbox_id, `/drafts${suffix}`);

	it('creates: 201 with the full shape, labels default [], preview from the text or html', async () => {
		const res = await agentry<AgentryDraft>(sandbox(), 'POST', drafts(), {
			body: {
				to: ['Diana Prince <diana@example.com>', 'bob@example.com'],
				cc: ['cc@example.com'],
				subject: 'Quote',
				html: '<p>Hello <b>Diana</b> &amp; team</p>',
				in_reply_to: '<msg-1@example.com>',
			},
		});
		expect(res.statusCode).toBe(201);
		expect(res.body).toMatchObject({
			draft_id: expect.stringMatching(/^dr_/),
			inbox_id: 'sales@agentry.test',
			labels: [],
			to: ['Diana Prince <diana@example.com>', 'bob@example.com'],
			cc: ['cc@example.com'],
			subject: 'Quote',
			preview: 'Hello Diana & team',
			attachments: [],
			in_reply_to: '<msg-1@example.com>',
		});
		expect(res.body.created_at).toBe(res.body.updated_at);
		expect(sandbox().agentry.createCount).toBe(1);
		const text = await agentry<AgentryDraft>(sandbox(), 'POST', drafts(), { body: { text: '  plain   text ', labels: ['a'] } });
		expect(text.body).toMatchObject({ preview: 'plain text', labels: ['a'] });
		const get = await agentry<AgentryDraft>(sandbox(), 'GET', drafts(`/${res.body.draft_id}`));
		expect(get.body).toEqual(res.body);
	});

	it('an empty create (n8n drops {}) makes an empty draft', async () => {
		const res = await agentry<AgentryDraft>(sandbox(), 'POST', drafts(), { body: {} });
		expect(res.statusCode).toBe(201);
		expect(res.body.labels).toEqual([]);
	});

	it.each<[string, Record<string, unknown>, string]>([
		['bad to', { to: ['not an address'] }, 'invalid_address'],
		['bad display-name form', { cc: ['Name <nope>'] }, 'invalid_address'],
		['bad bcc', { bcc: ['a@b'] }, 'invalid_address'],
		['bad reply_to', { reply_to: ['x@'] }, 'invalid_address'],
		['no space before <', { to: ['Jane<jane@example.com>'] }, 'invalid_address'],
		['several spaces before <', { to: ['Jane  <jane@example.com>'] }, 'invalid_address'],
		['an unquoted @ in the name', { to: ['Jane @ Acme <jane@example.com>'] }, 'invalid_address'],
		['an unquoted comma in the name', { to: ['Doe, Joe <joe@example.com>'] }, 'invalid_address'],
		['to as a string', { to: 'a@example.com' }, 'invalid_parameter'],
		['to as null', { to: null }, 'invalid_parameter'],
		['subject as null', { subject: null }, 'invalid_parameter'],
		['send_at not a date-time', { send_at: 'tomorrow' }, 'invalid_send_at'],
		['send_at without offset', { send_at: '2026-01-01T09:00:00' }, 'invalid_send_at'],
		['attachment without content or url', { attachments: [{ filename: 'a.txt' }] }, 'invalid_attachment'],
		['attachment with bad base64', { attachments: [{ content: 'not base64!!' }] }, 'invalid_attachment_content'],
		['attachment with bad disposition', { attachments: [{ content: b64('x'), content_disposition: 'sideways' }] }, 'invalid_parameter'],
	])('%s -> 400 ValidationError', async (_name, body, code) => {
		const res = await agentry<AgError>(sandbox(), 'POST', drafts(), { body });
		expect(res.statusCode).toBe(400);
		expect(res.body).toMatchObject({ name: 'ValidationError', code, message: expect.any(String) });
		if (code === 'invalid_address') expect(res.body.fix).toEqual(expect.any(String));
		expect(sandbox().agentry.createCount).toBe(0);
	});

	it('a field error names the field path in errors[]', async () => {
		const res = await agentry<AgError & { errors: unknown }>(sandbox(), 'POST', drafts(), {
			body: { to: ['jane@example.com', 'Jane<jane@example.com>'] },
		});
		expect(res.body).toMatchObject({
			message: 'Request validation failed',
			errors: [{ path: 'to[1]', message: 'Invalid address "Jane<jane@example.com>"' }],
		});
	});

	it.each(['"Doe, Joe" <joe@example.com>', '"Jane \\"JJ\\" Doe" <jane@example.com>', 'José Müller <jose@example.com>', 'Jane Doe <jane@example.com>'])(
		'accepts the documented display-name form %s',
		async (address) => {
			const res = await agentry<AgentryDraft>(sandbox(), 'POST', drafts(), { body: { to: [address] } });
			expect(res.statusCode).toBe(201);
		},
	);

	it('send_at with an offset schedules the draft', async () => {
		const res = await agentry<AgentryDraft>(sandbox(), 'POST', drafts(), { body: { send_at: '2026-01-01T09:00:00+02:00' } });
		expect(res.statusCode).toBe(201);
		expect(res.body).toMatchObject({ send_at: '2026-01-01T09:00:00+02:00', send_status: 'scheduled' });
	});

	it('attachments in the create body: base64 content (size = bytes) or url (size 0)', async () => {
		const res = await agentry<AgentryDraft>(sandbox(), 'POST', drafts(), {
			body: {
				attachments: [
					{ content: b64('hello world'), filename: 'hello.txt', content_disposition: 'inline', content_id: 'cid1' },
					{ url: 'https://files.example.com/a.pdf', filename: 'a.pdf' },
				],
			},
		});
		expect(res.statusCode).toBe(201);
		expect(res.body.attachments).toEqual([
			{ attachment_id: expect.stringMatching(/^att_/), content_disposition: 'inline', content_id: 'cid1', content_type: 'text/plain', filename: 'hello.txt', size: 11 },
			{ attachment_id: expect.stringMatching(/^att_/), content_disposition: 'attachment', content_type: 'application/pdf', filename: 'a.pdf', size: 0 },
		]);
		expect(sandbox().agentry.attachmentBytes(res.body.attachments[0].attachment_id)?.toString()).toBe('hello world');
	});

	it('client_id makes creates idempotent per inbox (200, existing draft, not counted)', async () => {
		const first = await agentry<AgentryDraft>(sandbox(), 'POST', drafts(), { body: { client_id: 'c-1', subject: 'one' } });
		const again = await agentry<AgentryDraft>(sandbox(), 'POST', drafts(), { body: { client_id: 'c-1', subject: 'two' } });
		expect(first.statusCode).toBe(201);
		expect(again.statusCode).toBe(200);
		expect(again.body.draft_id).toBe(first.body.draft_id);
		expect(again.body.subject).toBe('one');
		expect(sandbox().agentry.createCount).toBe(1);
		const other = sandbox().agentry.addInbox({});
		const elsewhere = await agentry(sandbox(), 'POST', agPath(other.inbox_id, '/drafts'), { body: { client_id: 'c-1' } });
		expect(elsewhere.statusCode).toBe(201);
	});

	it('get: unknown draft, draft of another inbox, encoded ids', async () => {
		const other = sandbox().agentry.addInbox({});
		const [foreign] = sandbox().agentry.seedDrafts(other.inbox_id, 1);
		for (const id of ['dr_missing', foreign.draft_id, '..%2F..%2Finboxes']) {
			const res = await agentry<AgError>(sandbox(), 'GET', drafts(`/${id}`));
			expect(res.statusCode).toBe(404);
			expect(res.body.code).toBe('draft_not_found');
		}
		const odd = sandbox().agentry.addDraft(inbox.inbox_id, { draft_id: '<id/with?odd#chars@x>' });
		const got = await agentry<AgentryDraft>(sandbox(), 'GET', drafts(`/${encodeURIComponent(odd.draft_id)}`));
		expect(got.statusCode).toBe(200);
		expect(got.body.draft_id).toBe(odd.draft_id);
	});

	it('update: sets fields, an empty string or list clears, null is refused, other fields ignored, updated_at bumps', async () => {
		const created = await agentry<AgentryDraft>(sandbox(), 'POST', drafts(), {
			body: { to: ['a@example.com'], cc: ['c@example.com'], subject: 'old', text: 'old text', labels: ['x'], send_at: '2026-01-01T00:00:00Z' },
		});
		const res = await agentry<AgentryDraft>(sandbox(), 'PATCH', drafts(`/${created.body.draft_id}`), {
			body: { subject: 'new', cc: [], html: '<p>new html</p>', text: '', labels: ['ignored'], bcc: ['Boss <boss@example.com>'] },
		});
		expect(res.statusCode).toBe(200);
		expect(res.body).toMatchObject({ subject: 'new', to: ['a@example.com'], bcc: ['Boss <boss@example.com>'], labels: ['x'], preview: 'new html' });
		for (const cleared of ['cc', 'text']) expect(res.body).not.toHaveProperty(cleared);
		expect(res.body.send_at).toBe('2026-01-01T00:00:00Z');
		const nulls = await agentry<AgError>(sandbox(), 'PATCH', drafts(`/${created.body.draft_id}`), { body: { send_at: null } });
		expect(nulls.statusCode).toBe(400);
		expect(Date.parse(res.body.updated_at)).toBeGreaterThan(Date.parse(created.body.updated_at));
		expect(res.body.created_at).toBe(created.body.created_at);
		const bad = await agentry<AgError>(sandbox(), 'PATCH', drafts(`/${created.body.draft_id}`), { body: { to: ['nope'] } });
		expect(bad.statusCode).toBe(400);
		expect(bad.body.code).toBe('invalid_address');
	});

	it('a sending draft: update, delete, send and attachment changes -> 409 ConflictError', async () => {
		const [d] = sandbox().agentry.seedDrafts(inbox.inbox_id, 1);
		const att = sandbox().agentry.addAttachment(d.draft_id, { content: Buffer.from('x'), filename: 'x.txt' });
		sandbox().agentry.setSendStatus(d.draft_id, 'sending');
		const calls: Array<['PATCH' | 'DELETE' | 'POST', string]> = [
			['PATCH', drafts(`/${d.draft_id}`)],
			['DELETE', drafts(`/${d.draft_id}`)],
			['POST', drafts(`/${d.draft_id}/send`)],
			['POST', drafts(`/${d.draft_id}/attachments`)],
			['DELETE', drafts(`/${d.draft_id}/attachments/${att.attachment_id}`)],
		];
		for (const [method, path] of calls) {
			const res = await agentry<AgError>(sandbox(), method, path, { body: { subject: 'x', content: b64('y') } });
			expect(res.statusCode).toBe(409);
			expect(res.body).toEqual({ name: 'ConflictError', code: 'draft_sending', message: expect.any(String), fix: expect.any(String) });
		}
		expect(sandbox().agentry.sendCount).toBe(0);
		const get = await agentry<AgentryDraft>(sandbox(), 'GET', drafts(`/${d.draft_id}`));
		expect(get.body.send_status).toBe('sending');
		expect(get.body.attachments).toHaveLength(1);
	});

	it('delete: 200 with an empty body, then 404', async () => {
		const [d] = sandbox().agentry.seedDrafts(inbox.inbox_id, 1);
		const res = await agentry(sandbox(), 'DELETE', drafts(`/${d.draft_id}`));
		expect(res.statusCode).toBe(200);
		expect(res.body).toBe('');
		expect((await agentry(sandbox(), 'GET', drafts(`/${d.draft_id}`))).statusCode).toBe(404);
	});

	it('send: a normal inbox sends and removes the draft', async () => {
		const [d] = sandbox().agentry.seedDrafts(inbox.inbox_id, 1);
		const res = await agentry(sandbox(), 'POST', drafts(`/${d.draft_id}/send`));
		expect(res.statusCode).toBe(200);
		expect(res.body).toEqual({ draft_only: false, inbox_id: inbox.inbox_id, status: 'sent' });
		expect(sandbox().agentry.sendCount).toBe(1);
		expect((await agentry(sandbox(), 'GET', drafts(`/${d.draft_id}`))).statusCode).toBe(404);
		expect((await agentry(sandbox(), 'POST', drafts(`/${d.draft_id}/send`))).statusCode).toBe(404);
		expect(sandbox().agentry.sendCount).toBe(1);
	});

	it('send: a draft-only inbox answers draft_created and keeps the draft', async () => {
		const review = sandbox().agentry.addInbox({ email: 'review@agentry.test', draft_only: true });
		const [d] = sandbox().agentry.seedDrafts(review.inbox_id, 1);
		const res = await agentry(sandbox(), 'POST', agPath(review.inbox_id, `/drafts/${d.draft_id}/send`));
		expect(res.body).toEqual({ draft_only: true, inbox_id: review.inbox_id, status: 'draft_created' });
		expect((await agentry(sandbox(), 'GET', agPath(review.inbox_id, `/drafts/${d.draft_id}`))).statusCode).toBe(200);
		expect(sandbox().agentry.sendCount).toBe(1);
	});

	it('unknown routes -> 404 and wrong methods -> 405 in the Agentry error shape', async () => {
		const nf = await agentry<AgError>(sandbox(), 'GET', '/human/v0/messages');
		expect(nf.statusCode).toBe(404);
		expect(nf.body).toMatchObject({ name: 'NotFoundError', code: 'route_not_found' });
		const wrong = await agentry<AgError>(sandbox(), 'PUT', drafts('/dr_x'), { body: { a: 1 } });
		expect(wrong.statusCode).toBe(405);
		expect(wrong.body).toMatchObject({ name: 'MethodNotAllowedError', code: 'method_not_allowed' });
		expect(wrong.headers.allow).toBe('GET, PATCH, DELETE');
		const other = await call(`${sandbox().url}/nowhere`);
		expect(other.statusCode).toBe(404);
	});
});
