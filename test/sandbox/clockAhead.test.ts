import { hrPath, hyperrep } from './testClient';
import { Sandbox } from './server';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const DAY = 86_400_000;
const ORG = Sandbox.HYPERREP_ORG_ID;

/** Creates a draft through the API; resolves to its created_at as stored. */
async function createDraft(subject: string): Promise<string> {
	const res = await hyperrep<{ draft_id: string }>(sandbox(), 'POST', hrPath(), { body: { modality: 'email', subject } });
	expect(res.statusCode).toBe(201);
	const stored = sandbox().hyperrep.drafts(ORG).find((draft) => draft.draft_id === res.body.draft_id);
	return stored?.created_at ?? 'missing';
}

describe('clock.runAhead', () => {
	test('stamps the next write a day ahead; the writes after it go on from real time, not from that stamp', async () => {
		const before = Date.now();
		sandbox().clock.runAhead(DAY);
		const ahead = Date.parse(await createDraft('ahead'));
		const next = Date.parse(await createDraft('next'));
		expect(ahead - before).toBeGreaterThanOrEqual(DAY);
		expect(next).toBeLessThan(before + DAY);
		expect(next).toBeGreaterThanOrEqual(before);
		// Listed newest first, as the API orders them: the draft stamped ahead heads the list.
		expect(sandbox().hyperrep.drafts(ORG).map((draft) => draft.subject)).toEqual(['ahead', 'next']);
	});

	test('stamps as many writes ahead as asked, and reset() ends it', async () => {
		const before = Date.now();
		sandbox().clock.runAhead(DAY, 2);
		const stamps = [await createDraft('a'), await createDraft('b'), await createDraft('c')].map(Date.parse);
		expect(stamps.map((at) => at - before >= DAY)).toEqual([true, true, false]);
		sandbox().clock.runAhead(DAY);
		sandbox().reset();
		expect(Date.parse(await createDraft('d'))).toBeLessThan(Date.now() + DAY);
	});

	test.each([0, -1, Number.NaN])('refuses to run ahead by %p ms', (ms) => {
		expect(() => sandbox().clock.runAhead(ms)).toThrow(/positive time/);
	});
});

describe('sandbox.hold', () => {
	test('holds the first matching request until released; other requests pass meanwhile', async () => {
		const held = sandbox().hold({ method: 'GET', api: 'hyperrep' });
		let answered = false;
		const slow = hyperrep(sandbox(), 'GET', hrPath()).then((res) => {
			answered = true;
			return res;
		});
		await held.arrived;
		const passing = await hyperrep(sandbox(), 'GET', hrPath());
		expect(passing.statusCode).toBe(200);
		expect(answered).toBe(false);
		held.release();
		expect((await slow).statusCode).toBe(200);
		expect(sandbox().log.map((entry) => entry.status)).toEqual([200, 200]);
	});

	test('reset() lets a held request go', async () => {
		const held = sandbox().hold();
		const slow = hyperrep(sandbox(), 'GET', hrPath());
		await held.arrived;
		sandbox().reset();
		expect((await slow).statusCode).toBe(200);
	});
});
