import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { listSearch } from '../harness/loadOptions';
import { ActiveTrigger, fetchTestEvent, type TriggerSpec } from '../harness/poll';
import { Sandbox } from '../sandbox/server';
import { hyperrep, hrPath } from '../sandbox/testClient';
import { hyperRepCredentials, requestLines, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const LIST = `GET /api/v2/organizations/${ORG}/message-drafts`;

function spec(parameters: INodeParameters = {}, credentials = hyperRepCredentials(sandbox())): TriggerSpec {
	return { type: 'hyperRepTrigger', parameters: { event: 'newMessageDraft', ...parameters }, credentials };
}

/** Activates the trigger and checks that its first poll emitted nothing. */
async function activate(parameters: INodeParameters = {}): Promise<ActiveTrigger> {
	const { trigger, first } = await ActiveTrigger.activate(spec(parameters));
	expect(first).toEqual({ items: [] });
	return trigger;
}

/** Creates drafts through the API, as people and agents do. */
async function createDrafts(count: number, fields: (i: number) => IDataObject = () => ({})): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const res = await hyperrep<{ draft_id: string }>(sandbox(), 'POST', hrPath(), {
			body: { modality: 'email', subject: `New draft ${i + 1}`, to_email: `lead${i + 1}@example.com`, ...fields(i) },
		});
		expect(res.statusCode).toBe(201);
		ids.push(res.body.draft_id);
	}
	return ids;
}

const idsOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.draft_id);
const listRequests = () => requestLines(sandbox()).filter((line) => line === LIST);

describe('activation', () => {
	test('the first poll starts from now: existing drafts are not replayed, new ones come next', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 150);
		const trigger = await activate();
		expect(listRequests()).toHaveLength(1);

		const created = await createDrafts(2);
		expect(idsOf((await trigger.poll()).items)).toEqual(created);
		expect(await trigger.poll()).toEqual({ items: [] });
	});

	test('an empty organization at activation: every draft after it is new', async () => {
		const trigger = await activate();
		expect(trigger.nodeStaticData().draftPoll).toMatchObject({ at: null, ids: [] });
		const created = await createDrafts(3);
		expect(idsOf((await trigger.poll()).items)).toEqual(created);
	});

	test('a failing first poll fails the activation, as n8n reports it', async () => {
		sandbox().faults.add({ kind: 'status', status: 401 });
		await expect(ActiveTrigger.activate(spec())).rejects.toThrow(/rejected the credentials/);
	});
});

describe('nothing twice, nothing missed', () => {
	test('drafts that share a timestamp, before and after a poll, come out once each', async () => {
		const at = sandbox().clock.freeze();
		sandbox().hyperrep.addDraft(ORG, { subject: 'existing, same instant' });
		const trigger = await activate();

		const [a, b] = await createDrafts(2);
		expect(idsOf((await trigger.poll()).items).sort()).toEqual([a, b].sort());
		const [c] = await createDrafts(1);
		expect(idsOf((await trigger.poll()).items)).toEqual([c]);
		expect(await trigger.poll()).toEqual({ items: [] });

		const stamps = sandbox().hyperrep.drafts(ORG).map((draft) => draft.created_at);
		expect(new Set(stamps)).toEqual(new Set([at]));
	});

	test('more drafts at one instant than one page holds: all once, then only the one that came later', async () => {
		const trigger = await activate();
		sandbox().clock.freeze();
		const burst = Array.from({ length: 150 }, (_, i) => sandbox().hyperrep.addDraft(ORG, { subject: `Burst ${i}` }).draft_id);
		expect(idsOf((await trigger.poll()).items).sort()).toEqual([...burst].sort());
		expect((trigger.nodeStaticData().draftPoll as IDataObject).ids).toHaveLength(150);
		const [late] = await createDrafts(1);
		expect(idsOf((await trigger.poll()).items)).toEqual([late]);
		expect(await trigger.poll()).toEqual({ items: [] });
	});

	test('more new drafts than one page: all of them, oldest first, in as many requests as pages', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 500);
		const trigger = await activate();
		const created = await createDrafts(250);
		const watermark = Date.parse((trigger.nodeStaticData().draftPoll as IDataObject).at as string);
		sandbox().clearLog();

		const { items } = await trigger.poll();
		expect(idsOf(items)).toEqual(created);
		expect(listRequests()).toHaveLength(3);
		// Walked back to the watermark with start_date (1 ms before it), never the whole organization.
		const startDate = new Date(watermark - 1).toISOString();
		expect(sandbox().log.map((entry) => entry.query.start_date)).toEqual([startDate, startDate, startDate]);
		sandbox().clearLog();
		expect(await trigger.poll()).toEqual({ items: [] });
		expect(listRequests()).toHaveLength(1);
	});

	test('a poll that fails on its second page emits nothing and keeps its state; the next poll emits everything once', async () => {
		const trigger = await activate({ options: { maxRetries: 0 } });
		const created = await createDrafts(150);
		const before = trigger.nodeStaticData();
		sandbox().faults.add({ match: { method: 'GET', api: 'hyperrep' }, kind: 'status', status: 503, every: 2, times: 1 });

		const failed = await trigger.poll();
		expect(failed.items).toEqual([]);
		expect(failed.error?.message).toMatch(/busy or rate-limiting requests \(HTTP 503\)/);
		expect(sandbox().log.map((entry) => entry.status)).toEqual(expect.arrayContaining([200, 503]));
		expect(trigger.nodeStaticData()).toEqual(before);

		expect(idsOf((await trigger.poll()).items)).toEqual(created);
		expect(await trigger.poll()).toEqual({ items: [] });
	});

	test('a second page refused once is retried by the shared transport within the same poll', async () => {
		const trigger = await activate();
		const created = await createDrafts(120);
		sandbox().faults.add({ match: { method: 'GET', api: 'hyperrep' }, kind: 'status', status: 429, retryAfter: '0', every: 2, times: 1 });
		expect(idsOf((await trigger.poll()).items)).toEqual(created);
	});

	test('after a restart, n8n resumes from the saved state: drafts created while it was down come out once', async () => {
		const trigger = await activate();
		const before = await createDrafts(2);
		expect(idsOf((await trigger.poll()).items)).toEqual(before);
		const whileDown = await createDrafts(3);

		const { trigger: restarted, first } = await trigger.restart();
		expect(idsOf(first.items)).toEqual(whileDown);
		expect(await restarted.poll()).toEqual({ items: [] });
	});

	test('the state is bounded: one watermark and the IDs at it, however many drafts went by', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 2000);
		const trigger = await activate();
		await createDrafts(300);
		expect((await trigger.poll()).items).toHaveLength(300);
		const state = trigger.nodeStaticData().draftPoll as IDataObject;
		expect(state).toEqual({
			version: 2,
			scope: `hyperrep:${ORG}`,
			at: expect.stringMatching(/Z$/),
			ids: [expect.stringMatching(/^HR_id_/)],
			ahead: expect.any(Array),
			reported: { floor: null, episodes: [] },
		});
		// Drafts the sandbox stamped ahead of the poll's time (its clock never stamps two writes alike) are fewer than a page.
		expect((state.ahead as unknown[]).length).toBeLessThanOrEqual(50);
		expect(JSON.stringify(trigger.savedStaticData()).length).toBeLessThan(400);
	});

	test('another organization in the credential starts from now rather than replaying its drafts', async () => {
		const trigger = await activate();
		await createDrafts(1);
		await trigger.poll();
		sandbox().hyperrep.addOrganization({ organizationId: 'HR_org_other', apiKey: 'hr_other_key' });
		sandbox().hyperrep.seedDrafts('HR_org_other', 5);
		const other = spec({}, hyperRepCredentials(sandbox(), { organizationId: 'HR_org_other', apiKey: 'hr_other_key' }));
		const { trigger: moved, first } = await ActiveTrigger.activate(other, { savedStaticData: trigger.savedStaticData(), activation: 'update' });
		expect(first).toEqual({ items: [] });
		expect(moved.nodeStaticData().draftPoll).toMatchObject({ scope: 'hyperrep:HR_org_other' });
	});
});

describe('filters', () => {
	test('Folder by name (as shown in HyperRep) or from the list, Modality, and Saved for Review Only', async () => {
		const byName = await activate({ filters: { folder: { __rl: true, mode: 'name', value: 'Sales Follow-up' } } });
		const fromList = await activate({ filters: { folder: { __rl: true, mode: 'list', value: 'sales-follow-up' } } });
		const texts = await activate({ filters: { modality: 'text' } });
		const review = await activate({ filters: { savedForReviewOnly: true } });

		const [sales] = await createDrafts(1, () => ({ folder: 'Sales Follow-up' }));
		const [queued] = await createDrafts(1, () => ({ autosend_draft: true, add_notification: false }));
		const [text] = await createDrafts(1, () => ({ modality: 'text', to_email: undefined, to_phone_number: '+1 513-867-5309' }));

		expect(idsOf((await byName.poll()).items)).toEqual([sales]);
		expect(idsOf((await fromList.poll()).items)).toEqual([sales]);
		expect(idsOf((await texts.poll()).items)).toEqual([text]);
		expect(idsOf((await review.poll()).items)).toEqual([sales, text]);
		// Drafts left out by a filter are behind the watermark too: they do not come back.
		expect(await review.poll()).toEqual({ items: [] });
		expect(queued).toMatch(/^HR_id_/);
	});

	test('the Folder list offers the folders in use, filtered as the user types', async () => {
		await createDrafts(2, (i) => ({ folder: ['Sales Follow-up', 'Renewals'][i] }));
		const call = { type: 'hyperRepTrigger', method: 'searchFolders', credentials: hyperRepCredentials(sandbox()) };
		expect((await listSearch(call)).results.map((result) => result.value)).toEqual(['drafts', 'renewals', 'sales-follow-up']);
		expect((await listSearch({ ...call, filter: 'SALES' })).results).toEqual([{ name: 'sales-follow-up', value: 'sales-follow-up' }]);
	});

	test.each([
		['a Folder without letters or digits', { filters: { folder: { __rl: true, mode: 'name', value: '!!!' } } }, /Folder "!!!" has no letters or digits/],
		['an unknown Modality', { filters: { modality: 'fax' } }, /Modality "fax" is not one of email, text or both/],
		['a Saved for Review Only that is not true or false', { filters: { savedForReviewOnly: 'yes' } }, /Saved for Review Only must be true or false/],
		['an unknown event', { event: 'draftDeleted' }, /Trigger On "draftDeleted" is not an event of this trigger/],
		['a Timeout of 0', { options: { timeout: 0 } }, /Timeout must be a whole number from 1 to 2147483647, not 0/],
	])('%s fails with a clear error before any request', async (_case, parameters, message) => {
		await expect(ActiveTrigger.activate(spec(parameters as INodeParameters))).rejects.toThrow(message);
		const manual = await fetchTestEvent(spec(parameters as INodeParameters));
		expect(manual.error?.message).toMatch(message);
		expect(sandbox().log).toEqual([]);
	});
});

describe('output', () => {
	test('Simplify keeps at most 10 filled fields, the body as a short preview; off, the whole draft', async () => {
		const simple = await activate();
		const raw = await activate({ simple: false });
		await createDrafts(1, () => ({ cc_emails: ['boss@example.com'], bcc_emails: ['audit@example.com'] }));

		const [compact] = (await simple.poll()).items;
		expect(Object.keys(compact.json).sort()).toEqual(
			['created_at', 'draft_id', 'folder', 'modality', 'recipient_email', 'subject'],
		);
		const [full] = (await raw.poll()).items;
		expect(full.json).toEqual(sandbox().hyperrep.drafts(ORG)[0]);
	});

	test('errors go through the shared transport: a wrong key is named, and never shown', async () => {
		const trigger = await activate();
		sandbox().hyperrep.addOrganization({ organizationId: ORG, apiKey: 'hr_rotated_key' });
		const { error } = await trigger.poll();
		expect(error?.message).toMatch(/HyperRep rejected the credentials \(HTTP 401\)/);
		expect(JSON.stringify(error)).not.toContain(Sandbox.HYPERREP_API_KEY);
	});

	test('a listed draft without a valid created_at fails the poll, named, and the state stays', async () => {
		const trigger = await activate();
		const state = trigger.nodeStaticData().draftPoll;
		const page = { data: [{ draft_id: 'hr_draft_undated', created_at: 'yesterday' }], pagination: { has_more: false, next_cursor: null } };
		sandbox().faults.add({ kind: 'body', status: 200, body: JSON.stringify(page), times: 1 });
		const { error } = await trigger.poll();
		expect(error?.message).toBe('HyperRep returned message draft "hr_draft_undated" without a valid created_at');
		expect(trigger.nodeStaticData().draftPoll).toEqual(state);
	});

	test('a slow API fails the poll after the Timeout option', async () => {
		const trigger = await activate({ options: { timeout: 200, maxRetries: 0 } });
		// The API answers only after the poll gave up: the timeout always comes first.
		let answer = () => {};
		sandbox().faults.add({ kind: 'latency', until: new Promise<void>((resolve) => (answer = resolve)) });
		expect((await trigger.poll()).error?.message).toMatch(/did not answer within 200 ms/);
		answer();
	});
});

describe('Fetch Test Event', () => {
	test('returns the newest matching draft at once and leaves the state as it was', async () => {
		const trigger = await activate({ filters: { modality: 'text' } });
		const [text] = await createDrafts(1, () => ({ modality: 'text', to_email: undefined, to_phone_number: '+15138675309' }));
		await createDrafts(3);
		const saved = trigger.savedStaticData();

		const { items, error, staticData } = await fetchTestEvent(spec({ filters: { modality: 'text' } }), saved);
		expect(error).toBeUndefined();
		expect(idsOf(items)).toEqual([text]);
		expect(staticData).toEqual(saved);
		// The active trigger still sees the draft as new.
		expect(idsOf((await trigger.poll()).items)).toEqual([text]);
	});

	test('without a state, it creates none', async () => {
		await createDrafts(2);
		const { items, staticData } = await fetchTestEvent(spec());
		expect(items).toHaveLength(1);
		expect(staticData).toEqual({});
	});

	test('says so when no recent draft matches, looking through the newest 1,000 drafts and no further', async () => {
		const { error: empty } = await fetchTestEvent(spec());
		expect(empty?.message).toBe('No message draft matches the filters (there are no drafts yet)');
		sandbox().hyperrep.seedDrafts(ORG, 1500);
		sandbox().clearLog();
		const { error } = await fetchTestEvent(spec({ filters: { modality: 'text' } }));
		expect(error?.message).toBe('No message draft matches the filters (looked through the 1000 newest drafts)');
		expect(listRequests()).toHaveLength(10);
	});
});
