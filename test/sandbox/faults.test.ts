import { Sandbox } from './server';
import { agentry, agPath, call, hrPath, hyperrep, type TestResponse } from './testClient';
import { type AgError, type AgAttachmentInfo, expectThrows } from './testSupport';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('Faults', () => {
	const org = Sandbox.HYPERREP_ORG_ID;
	const create = (): Promise<TestResponse> => hyperrep(sandbox(), 'POST', hrPath(), { body: { modality: 'email', subject: 'x' } });

	it("'status' answers in the API's error shape without processing, with Retry-After", async () => {
		sandbox().faults.add({ kind: 'status', status: 503, retryAfter: '2' });
		const res = await create();
		expect(res.statusCode).toBe(503);
		expect(res.headers['retry-after']).toBe('2');
		expect(res.body).toEqual({ detail: expect.any(String) });
		expect(sandbox().hyperrep.createCount).toBe(0);
		expect(sandbox().hyperrep.drafts(org)).toEqual([]);

		const inbox = sandbox().agentry.addInbox({});
		sandbox().faults.clear();
		sandbox().faults.add({ kind: 'status', status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' });
		const ag = await agentry<AgError>(sandbox(), 'POST', agPath(inbox.inbox_id, '/drafts'), { body: { subject: 'x' } });
		expect(ag.statusCode).toBe(429);
		expect(ag.headers['retry-after']).toBe('Wed, 21 Oct 2026 07:28:00 GMT');
		expect(ag.body).toMatchObject({ name: 'RateLimitError', code: 'rate_limited', message: expect.any(String) });
		expect(sandbox().agentry.createCount).toBe(0);
	});

	it("'times' applies to the first N matching requests", async () => {
		sandbox().faults.add({ kind: 'status', status: 500, times: 2 });
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await create()).statusCode);
		expect(statuses).toEqual([500, 500, 201, 201]);
		expect(sandbox().hyperrep.createCount).toBe(2);
	});

	it("'every' applies to every Nth matching request, deterministically", async () => {
		sandbox().faults.add({ kind: 'status', status: 503, every: 5 });
		const statuses = [];
		for (let i = 0; i < 10; i++) statuses.push((await hyperrep(sandbox(), 'GET', hrPath())).statusCode);
		expect(statuses).toEqual([200, 200, 200, 200, 503, 200, 200, 200, 200, 503]);
	});

	it("'every' with 'times' stops after N firings", async () => {
		sandbox().faults.add({ kind: 'status', status: 500, every: 2, times: 1 });
		const statuses = [];
		for (let i = 0; i < 6; i++) statuses.push((await hyperrep(sandbox(), 'GET', hrPath())).statusCode);
		expect(statuses).toEqual([200, 500, 200, 200, 200, 200]);
	});

	it("'html' answers an HTML error page", async () => {
		sandbox().faults.add({ kind: 'html', status: 502 });
		const res = await hyperrep<string>(sandbox(), 'GET', hrPath());
		expect(res.statusCode).toBe(502);
		expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
		expect(res.body).toMatch(/^<!DOCTYPE html>/);
	});

	it("'empty' answers the status with an empty body", async () => {
		sandbox().faults.add({ kind: 'empty', status: 500 });
		const res = await hyperrep(sandbox(), 'GET', hrPath());
		expect(res.statusCode).toBe(500);
		expect(res.body).toBe('');
		expect(res.headers['content-length']).toBe('0');
		sandbox().faults.clear();
		sandbox().faults.add({ kind: 'empty', status: 200 });
		expect((await hyperrep(sandbox(), 'GET', hrPath())).body).toBe('');
	});

	it("'truncated' cuts the JSON body off mid-stream: the helper throws; nothing processed", async () => {
		sandbox().faults.add({ kind: 'truncated', times: 1 });
		const error = await expectThrows(create());
		expect(error.message).toMatch(/aborted|socket hang up|ECONNRESET|premature/i);
		expect(sandbox().hyperrep.createCount).toBe(0);
		expect(sandbox().log[0].status).toBe(200);
		expect((await create()).statusCode).toBe(201);
	});

	it("'reset' drops the connection without processing", async () => {
		sandbox().faults.add({ kind: 'reset', match: { method: 'POST' }, times: 1 });
		const error = await expectThrows(create());
		expect(error.message).toMatch(/socket hang up|ECONNRESET/i);
		expect(sandbox().hyperrep.createCount).toBe(0);
		expect(sandbox().log[0]).toMatchObject({ method: 'POST', status: 0 });
	});

	it("'resetAfterProcessing' creates the draft, then drops the connection (ambiguous outcome)", async () => {
		sandbox().faults.add({ kind: 'resetAfterProcessing', times: 1 });
		await expectThrows(create());
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(sandbox().hyperrep.drafts(org)).toHaveLength(1);
		const inbox = sandbox().agentry.addInbox({});
		sandbox().faults.add({ kind: 'resetAfterProcessing', times: 1, match: { api: 'agentry' } });
		await expectThrows(agentry(sandbox(), 'POST', agPath(inbox.inbox_id, '/drafts'), { body: { client_id: 'k' } }));
		const retry = await agentry(sandbox(), 'POST', agPath(inbox.inbox_id, '/drafts'), { body: { client_id: 'k' } });
		expect(retry.statusCode).toBe(200);
		expect(sandbox().agentry.createCount).toBe(1);
	});

	it("'latency' delays and then processes; later rules still apply", async () => {
		sandbox().faults.add({ kind: 'latency', delayMs: 150, times: 1 });
		const started = Date.now();
		expect((await create()).statusCode).toBe(201);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		sandbox().faults.add({ kind: 'latency', delayMs: 50 });
		sandbox().faults.add({ kind: 'status', status: 504 });
		const t2 = Date.now();
		expect((await create()).statusCode).toBe(504);
		expect(Date.now() - t2).toBeGreaterThanOrEqual(45);
	});

	it("'body' answers the given raw JSON body (unexpected shapes, broken JSON)", async () => {
		sandbox().faults.add({ kind: 'body', body: '{"items": []}', times: 1 });
		const res = await hyperrep(sandbox(), 'GET', hrPath());
		expect(res.statusCode).toBe(200);
		expect(res.headers['content-type']).toBe('application/json');
		expect(res.body).toEqual({ items: [] });
		sandbox().faults.add({ kind: 'body', body: '{"data": [', status: 200, times: 1 });
		expect((await hyperrep(sandbox(), 'GET', hrPath())).body).toBe('{"data": [');
	});

	it('match by method, path (substring or RegExp) and api', async () => {
		const inbox = sandbox().agentry.addInbox({});
		const [d] = sandbox().agentry.seedDrafts(inbox.inbox_id, 2);
		sandbox().faults.add({ kind: 'status', status: 500, match: { api: 'agentry', method: 'post', path: '/send' } });
		sandbox().faults.add({ kind: 'status', status: 418, match: { path: /\/message-drafts\/HR_id_[^/]+$/ } });
		expect((await hyperrep(sandbox(), 'GET', hrPath())).statusCode).toBe(200);
		expect((await hyperrep(sandbox(), 'GET', hrPath('/HR_id_abc'))).statusCode).toBe(418);
		expect((await agentry(sandbox(), 'GET', agPath(inbox.inbox_id, `/drafts/${d.draft_id}`))).statusCode).toBe(200);
		expect((await agentry(sandbox(), 'POST', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/send`))).statusCode).toBe(500);
		expect(sandbox().agentry.sendCount).toBe(0);
	});

	it('downloads are faulted only by rules that name their path', async () => {
		const inbox = sandbox().agentry.addInbox({});
		const [d] = sandbox().agentry.seedDrafts(inbox.inbox_id, 1);
		const meta = sandbox().agentry.addAttachment(d.draft_id, { content: Buffer.from('abc') });
		const info = await agentry<AgAttachmentInfo>(sandbox(), 'GET', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/attachments/${meta.attachment_id}`));
		sandbox().faults.add({ kind: 'status', status: 500 });
		expect((await call(info.body.download_url, { encoding: 'arraybuffer' })).statusCode).toBe(200);
		sandbox().faults.clear();
		sandbox().faults.add({ kind: 'status', status: 503, match: { path: '/downloads/' }, times: 1 });
		expect((await call(info.body.download_url)).statusCode).toBe(503);
		expect(sandbox().downloadLog.map((e) => e.status)).toEqual([200, 503]);
		sandbox().faults.add({ kind: 'reset', match: { path: /^\/downloads\// }, times: 1 });
		await expectThrows(call(info.body.download_url));
	});

	it('rejects malformed rules', () => {
		expect(() => sandbox().faults.add({ kind: 'status', every: 0 })).toThrow();
		expect(() => sandbox().faults.add({ kind: 'nope' as 'status' })).toThrow();
	});
});
