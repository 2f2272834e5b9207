import { Sandbox } from './server';
import { agentry, hrPath, hyperrep } from './testClient';
import { type AgPage } from './testSupport';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('Sandbox lifecycle', () => {
	it('listens on 127.0.0.1 and serves downloads from a second origin on localhost', () => {
		expect(sandbox().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox().downloadUrl).toMatch(/^http:\/\/localhost:\d+$/);
		expect(new URL(sandbox().downloadUrl).port).not.toBe(new URL(sandbox().url).port);
	});

	it('exposes the sample credentials', () => {
		expect(Sandbox.HYPERREP_API_KEY).toBe('hr_test_key_0123456789');
		expect(Sandbox.HYPERREP_ORG_ID).toBe('HR_org_demo');
		expect(Sandbox.AGENTRY_TOKEN).toBe('agt_test_token_0123456789');
	});

	it('starts on a requested port and stops cleanly', async () => {
		const probe = await Sandbox.start();
		const port = Number(new URL(probe.url).port);
		await probe.stop();
		const fixed = await Sandbox.start({ port });
		expect(fixed.url).toBe(`http://127.0.0.1:${port}`);
		const res = await hyperrep(fixed, 'GET', hrPath());
		expect(res.statusCode).toBe(200);
		await fixed.stop();
		await fixed.stop(); // idempotent
	});

	it('reset() restores the default seed and clears faults, log and counters', async () => {
		sandbox().hyperrep.seedDrafts(Sandbox.HYPERREP_ORG_ID, 3);
		sandbox().agentry.addInbox({});
		await hyperrep(sandbox(), 'POST', hrPath(), { body: { modality: 'email', subject: 'x' } });
		sandbox().faults.add({ kind: 'status', status: 500 });
		sandbox().latencyMs = 50;
		sandbox().reset();
		expect(sandbox().hyperrep.drafts(Sandbox.HYPERREP_ORG_ID)).toEqual([]);
		expect(sandbox().hyperrep.createCount).toBe(0);
		expect(sandbox().log).toEqual([]);
		expect(sandbox().latencyMs).toBe(0);
		const res = await agentry<AgPage>(sandbox(), 'GET', '/human/v0/inboxes');
		expect(res.statusCode).toBe(200);
		expect(res.body.inboxes).toEqual([]);
	});
});
