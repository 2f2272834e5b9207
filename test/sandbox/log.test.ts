import { Sandbox } from './server';
import { agentry, agPath, call, hrPath, hyperrep } from './testClient';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('Request log, latency and limits', () => {
	it('logs method, raw path, query, headers, parsed body, status and api', async () => {
		const inbox = sandbox().agentry.addInbox({ email: 'log@agentry.test' });
		await hyperrep(sandbox(), 'POST', hrPath(), { body: { modality: 'email', subject: 'logged' }, qs: { trace: '1' } });
		await agentry(sandbox(), 'GET', agPath(inbox.inbox_id, '/drafts'), { qs: { limit: 5 } });
		await agentry(sandbox(), 'POST', agPath(inbox.inbox_id, '/drafts'), { body: 'not json', headers: { 'Content-Type': 'text/plain' } });
		await call(`${sandbox().url}/elsewhere`);
		expect(sandbox().log).toHaveLength(4);
		expect(sandbox().log[0]).toMatchObject({
			method: 'POST',
			path: '/api/v2/organizations/HR_org_demo/message-drafts',
			query: { trace: '1' },
			body: { modality: 'email', subject: 'logged' },
			status: 201,
			api: 'hyperrep',
		});
		expect(sandbox().log[0].headers['x-api-key']).toBe(Sandbox.HYPERREP_API_KEY);
		expect(sandbox().log[1]).toMatchObject({ path: '/human/v0/inboxes/log%40agentry.test/drafts', query: { limit: '5' }, body: undefined, api: 'agentry', status: 200 });
		expect(sandbox().log[1].headers.authorization).toBe(`Bearer ${Sandbox.AGENTRY_TOKEN}`);
		expect(sandbox().log[2]).toMatchObject({ body: 'not json', status: 400 });
		expect(sandbox().log[3]).toMatchObject({ api: 'unknown', status: 404 });
		sandbox().clearLog();
		expect(sandbox().log).toEqual([]);
	});

	it('faulted requests are logged too', async () => {
		sandbox().faults.add({ kind: 'html', status: 502, times: 1 });
		await hyperrep(sandbox(), 'GET', hrPath());
		expect(sandbox().log).toEqual([expect.objectContaining({ status: 502, api: 'hyperrep' })]);
	});

	it('logging can be switched off at start and at runtime', async () => {
		const quiet = await Sandbox.start({ log: false });
		await hyperrep(quiet, 'GET', hrPath());
		expect(quiet.log).toEqual([]);
		quiet.logEnabled = true;
		await hyperrep(quiet, 'GET', hrPath());
		expect(quiet.log).toHaveLength(1);
		await quiet.stop();
	});

	it('latencyMs delays every API response and is settable at runtime', async () => {
		const slow = await Sandbox.start({ latencyMs: 100 });
		let started = Date.now();
		await hyperrep(slow, 'GET', hrPath());
		expect(Date.now() - started).toBeGreaterThanOrEqual(95);
		slow.latencyMs = 300;
		started = Date.now();
		await hyperrep(slow, 'GET', hrPath());
		expect(Date.now() - started).toBeGreaterThanOrEqual(295);
		await slow.stop();
	});

	it('bodies over maxBodyBytes -> 413', async () => {
		const tiny = await Sandbox.start({ maxBodyBytes: 1024 });
		const res = await hyperrep<{ detail: string }>(tiny, 'POST', hrPath(), { body: { modality: 'email', subject: 'x'.repeat(4000) } });
		expect(res.statusCode).toBe(413);
		expect(tiny.hyperrep.createCount).toBe(0);
		expect(tiny.log[0].status).toBe(413);
		await tiny.stop();
	});
});
