import { Sandbox } from './server';
import { agentry, agPath, hrPath, hyperrep } from './testClient';
import { type HrList, type HrCreated, type AgPage } from './testSupport';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('Clock control', () => {
	const DAY = 86_400_000;

	it('advance moves every later stamp forward', async () => {
		const before = Date.parse(sandbox().clock.now());
		sandbox().clock.advance(DAY);
		const created = await hyperrep<HrCreated>(sandbox(), 'POST', hrPath(), { body: { modality: 'email', subject: 'later' } });
		const [stored] = sandbox().hyperrep.drafts(Sandbox.HYPERREP_ORG_ID);
		expect(stored.draft_id).toBe(created.body.draft_id);
		expect(Date.parse(stored.created_at) - before).toBeGreaterThanOrEqual(DAY);
		expect(Date.parse(stored.created_at) - before).toBeLessThan(DAY + 60_000);
		expect(() => sandbox().clock.advance(-1)).toThrow();
	});

	it('freeze stamps every write with one instant until resume; then time runs on after it', async () => {
		const at = sandbox().clock.freeze('2031-03-04T05:06:07.089Z');
		expect(at).toBe('2031-03-04T05:06:07.089Z');
		const inbox = sandbox().agentry.addInbox({});
		for (const subject of ['a', 'b', 'c']) {
			await agentry(sandbox(), 'POST', agPath(inbox.inbox_id, '/drafts'), { body: { subject } });
			await hyperrep(sandbox(), 'POST', hrPath(), { body: { modality: 'email', subject } });
		}
		const agentryStamps = sandbox().agentry.drafts(inbox.inbox_id).map((draft) => draft.updated_at);
		const hyperRepStamps = sandbox().hyperrep.drafts(Sandbox.HYPERREP_ORG_ID).map((draft) => draft.created_at);
		expect(new Set([...agentryStamps, ...hyperRepStamps])).toEqual(new Set([at]));
		// Ties are listed by draft_id, as the sandbox orders them.
		const listed = await hyperrep<HrList>(sandbox(), 'GET', hrPath(), { qs: { start_date: at } });
		const ids = listed.body.data.map((draft) => draft.draft_id);
		expect(ids).toEqual([...ids].sort());
		expect(sandbox().clock.advance(1000)).toBe('2031-03-04T05:06:08.089Z');
		sandbox().clock.resume();
		const next = Date.parse(sandbox().clock.now());
		expect(next).toBeGreaterThan(Date.parse('2031-03-04T05:06:08.089Z'));
		expect(() => sandbox().clock.freeze('2031-03-04T05:06:07.089Z')).toThrow(/cannot go back/);
	});

	it('reset() returns to real time and unfreezes', () => {
		sandbox().clock.freeze(new Date(Date.now() + 10 * DAY).toISOString());
		sandbox().reset();
		const first = Date.parse(sandbox().clock.now());
		expect(Math.abs(first - Date.now())).toBeLessThan(60_000);
		expect(Date.parse(sandbox().clock.now())).toBeGreaterThan(first);
	});

	it('touchDraft stamps an Agentry draft updated now and moves it to the head; setSendStatus alone does not', async () => {
		const inbox = sandbox().agentry.addInbox({});
		const seeded = sandbox().agentry.seedDrafts(inbox.inbox_id, 3);
		sandbox().agentry.setSendStatus(seeded[2].draft_id, 'failed');
		const head = async () =>
			(await agentry<AgPage>(sandbox(), 'GET', agPath(inbox.inbox_id, '/drafts'), { qs: { limit: 1 } })).body.drafts?.[0];
		expect((await head())?.draft_id).toBe(seeded[0].draft_id);
		sandbox().clock.advance(5000);
		const touched = sandbox().agentry.touchDraft(seeded[2].draft_id);
		expect(Date.parse(touched.updated_at)).toBeGreaterThan(Date.parse(seeded[0].updated_at) + 5000);
		expect(await head()).toMatchObject({ draft_id: seeded[2].draft_id, send_status: 'failed', updated_at: touched.updated_at });
		expect(() => sandbox().agentry.touchDraft('dr_missing')).toThrow();
	});
});
