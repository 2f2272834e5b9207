import { Sandbox, type AgentryDraft, type AgentryInbox } from './server';
import { agentry, agPath, call } from './testClient';
import { type AgError, type AgAttachmentInfo, b64 } from './testSupport';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('Agentry attachments and downloads', () => {
	let inbox: AgentryInbox;
	let draft: AgentryDraft;
	beforeEach(() => {
		inbox = sandbox().agentry.addInbox({ email: 'files@agentry.test' });
		[draft] = sandbox().agentry.seedDrafts(inbox.inbox_id, 1);
	});
	const att = (suffix = ''): string => agPath(inbox.inbox_id, `/drafts/${draft.draft_id}/attachments${suffix}`);

	it('add -> 200 metadata with decoded size; get -> signed download_url on the download origin', async () => {
		const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
		const added = await agentry<AgAttachmentInfo>(sandbox(), 'POST', att(), {
			body: { content: b64(bytes), filename: 'Über report.bin', content_type: 'application/x-custom' },
		});
		expect(added.statusCode).toBe(200);
		expect(added.body).toEqual({
			attachment_id: expect.stringMatching(/^att_/),
			content_disposition: 'attachment',
			content_type: 'application/x-custom',
			filename: 'Über report.bin',
			size: 7,
		});
		const info = await agentry<AgAttachmentInfo>(sandbox(), 'GET', att(`/${added.body.attachment_id}`));
		expect(info.statusCode).toBe(200);
		expect(info.body).toMatchObject({ ...added.body, download_url: expect.stringMatching(new RegExp(`^${sandbox().downloadUrl}/downloads/`)) });
		const expires = Date.parse(info.body.expires_at) - Date.now();
		expect(expires).toBeGreaterThan(3_500_000);
		expect(expires).toBeLessThanOrEqual(3_600_000);
		expect(info.body.download_url).not.toContain(Sandbox.AGENTRY_TOKEN);

		const file = await call<ArrayBuffer>(info.body.download_url, { encoding: 'arraybuffer' });
		expect(file.statusCode).toBe(200);
		expect(Buffer.from(file.body).equals(bytes)).toBe(true);
		expect(file.headers['content-type']).toBe('application/x-custom');
		expect(file.headers['content-disposition']).toBe(`attachment; filename="_ber report.bin"; filename*=UTF-8''%C3%9Cber%20report.bin`);

		expect(sandbox().downloadLog).toHaveLength(1);
		expect(sandbox().downloadLog[0]).toMatchObject({ method: 'GET', status: 200, api: 'agentry' });
		expect(sandbox().downloadLog[0].headers.authorization).toBeUndefined();
		expect(sandbox().log.every((e) => !e.path.startsWith('/downloads'))).toBe(true);

		const drafted = await agentry<AgentryDraft>(sandbox(), 'GET', agPath(inbox.inbox_id, `/drafts/${draft.draft_id}`));
		expect(drafted.body.attachments).toEqual([added.body]);
	});

	it('url-only attachments have size 0', async () => {
		const res = await agentry<AgAttachmentInfo>(sandbox(), 'POST', att(), { body: { url: 'https://example.com/x.png' } });
		expect(res.statusCode).toBe(200);
		expect(res.body).toMatchObject({ size: 0, content_type: 'application/octet-stream' });
	});

	it.each<[string, unknown, string]>([
		['neither content nor url', { filename: 'a' }, 'invalid_attachment'],
		['no body at all', undefined, 'invalid_attachment'],
		['invalid base64', { content: '@@@@' }, 'invalid_attachment_content'],
		['bad url', { url: 'ftp://x' }, 'invalid_attachment_url'],
	])('%s -> 400', async (_name, body, code) => {
		const res = await agentry<AgError>(sandbox(), 'POST', att(), { body });
		expect(res.statusCode).toBe(400);
		expect(res.body).toMatchObject({ name: 'ValidationError', code });
	});

	it('delete -> 204, then 404 attachment_not_found; the download link dies with it', async () => {
		const meta = sandbox().agentry.addAttachment(draft.draft_id, { content: Buffer.from('bye'), filename: 'bye.txt' });
		const info = await agentry<AgAttachmentInfo>(sandbox(), 'GET', att(`/${meta.attachment_id}`));
		const res = await agentry(sandbox(), 'DELETE', att(`/${meta.attachment_id}`));
		expect(res.statusCode).toBe(204);
		const again = await agentry<AgError>(sandbox(), 'GET', att(`/${meta.attachment_id}`));
		expect(again.statusCode).toBe(404);
		expect(again.body).toMatchObject({ name: 'NotFoundError', code: 'attachment_not_found' });
		expect((await agentry(sandbox(), 'DELETE', att(`/${meta.attachment_id}`))).statusCode).toBe(404);
		expect((await call(info.body.download_url)).statusCode).toBe(404);
		expect(sandbox().agentry.attachmentBytes(meta.attachment_id)).toBeUndefined();
	});

	it('expired or tampered download links -> 404', async () => {
		const meta = sandbox().agentry.addAttachment(draft.draft_id, { content: Buffer.from('x') });
		sandbox().agentry.downloadTtlMs = 1;
		const info = await agentry<AgAttachmentInfo>(sandbox(), 'GET', att(`/${meta.attachment_id}`));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect((await call(info.body.download_url)).statusCode).toBe(404);
		sandbox().agentry.downloadTtlMs = 60_000;
		const fresh = await agentry<AgAttachmentInfo>(sandbox(), 'GET', att(`/${meta.attachment_id}`));
		expect((await call(fresh.body.download_url, { encoding: 'arraybuffer' })).statusCode).toBe(200);
		expect((await call(`${fresh.body.download_url}x`)).statusCode).toBe(404);
		expect((await call(`${sandbox().downloadUrl}/downloads/nope`)).statusCode).toBe(404);
		expect((await call(`${sandbox().downloadUrl}/elsewhere`)).statusCode).toBe(404);
	});

	it('accepts a 20 MB upload and serves the same bytes back', async () => {
		const bytes = Buffer.alloc(20 * 1024 * 1024, 7);
		bytes.write('head', 0);
		const added = await agentry<AgAttachmentInfo>(sandbox(), 'POST', att(), { body: { content: b64(bytes), filename: 'big.bin' } });
		expect(added.statusCode).toBe(200);
		expect(added.body.size).toBe(bytes.length);
		expect(sandbox().agentry.attachmentBytes(added.body.attachment_id)?.equals(bytes)).toBe(true);
		const info = await agentry<AgAttachmentInfo>(sandbox(), 'GET', att(`/${added.body.attachment_id}`));
		const file = await call<ArrayBuffer>(info.body.download_url, { encoding: 'arraybuffer' });
		expect(Buffer.from(file.body).equals(bytes)).toBe(true);
	});
});
