import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { listSearch, loadOptions } from '../harness/loadOptions';
import { ActiveTrigger, fetchTestEvent, type TriggerSpec } from '../harness/poll';
import { agentry, agPath } from '../sandbox/testClient';
import { agentryCredentials, byId, fromList, requestLines, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const INBOX = 'sales@agentry.test';
const LIST = `GET ${agPath(INBOX, '/drafts')}`;
const UPDATED = 'draftCreatedOrUpdated';
const FAILED = 'draftSendFailed';

beforeEach(() => sandbox().agentry.addInbox({ email: INBOX, display_name: 'Sales' }));

function spec(parameters: INodeParameters = {}): TriggerSpec {
	return {
		type: 'agentryTrigger',
		parameters: { inboxId: fromList(INBOX), events: [UPDATED], ...parameters },
		credentials: agentryCredentials(sandbox()),
	};
}

/** Activates the trigger and checks that its first poll emitted nothing. */
async function activate(parameters: INodeParameters = {}): Promise<ActiveTrigger> {
	const { trigger, first } = await ActiveTrigger.activate(spec(parameters));
	expect(first).toEqual({ items: [] });
	return trigger;
}

async function createDraft(body: IDataObject = {}): Promise<string> {
	const res = await agentry<{ draft_id: string }>(sandbox(), 'POST', agPath(INBOX, '/drafts'), {
		body: { to: ['lead@example.com'], subject: 'New draft', ...body },
	});
	expect(res.statusCode).toBe(201);
	return res.body.draft_id;
}

async function updateDraft(draftId: string, body: IDataObject): Promise<void> {
	const res = await agentry(sandbox(), 'PATCH', agPath(INBOX, `/drafts/${draftId}`), { body });
	expect(res.statusCode).toBe(200);
}

/** Agentry's scheduler gives up on a draft's send: its status and updated_at change. */
function failSend(draftId: string): void {
	sandbox().agentry.setSendStatus(draftId, 'failed');
	sandbox().agentry.touchDraft(draftId);
}

const events = (items: Array<{ json: IDataObject }>) => items.map((item) => [item.json.event, item.json.draft_id]);
const listRequests = () => requestLines(sandbox()).filter((line) => line.startsWith(LIST));

describe('activation', () => {
	test('the first poll starts from now; created and updated drafts come next, oldest first, each once', async () => {
		const seeded = sandbox().agentry.seedDrafts(INBOX, 150);
		const trigger = await activate();
		expect(listRequests()).toHaveLength(1);

		await updateDraft(seeded[120].draft_id, { subject: 'Edited' });
		const created = await createDraft();
		await updateDraft(seeded[3].draft_id, { subject: 'Edited too' });
		expect(events((await trigger.poll()).items)).toEqual([
			[UPDATED, seeded[120].draft_id],
			[UPDATED, created],
			[UPDATED, seeded[3].draft_id],
		]);
		expect(await trigger.poll()).toEqual({ items: [] });
	});

	test('a draft changed several times between two polls comes out once, as it is now', async () => {
		const trigger = await activate();
		const draft = await createDraft({ subject: 'First' });
		await updateDraft(draft, { subject: 'Second' });
		await updateDraft(draft, { subject: 'Third' });
		const { items } = await trigger.poll();
		expect(events(items)).toEqual([[UPDATED, draft]]);
		expect(items[0].json.subject).toBe('Third');
	});

	test('an inbox that does not exist fails the activation with its name', async () => {
		await expect(ActiveTrigger.activate(spec({ inboxId: byId('nobody@agentry.test') }))).rejects.toThrow(
			'Inbox "nobody@agentry.test" was not found',
		);
	});
});

describe('nothing twice, nothing missed', () => {
	test('drafts that share an updated_at come out once each, whenever they appear', async () => {
		sandbox().clock.freeze();
		await createDraft({ subject: 'existing, same instant' });
		const trigger = await activate();
		const first = [await createDraft(), await createDraft()];
		expect(events((await trigger.poll()).items).map(([, id]) => id).sort()).toEqual([...first].sort());
		const later = await createDraft();
		expect(events((await trigger.poll()).items)).toEqual([[UPDATED, later]]);
		expect(await trigger.poll()).toEqual({ items: [] });
	});

	test('more changes than one page: all of them, reading back to the watermark and no further', async () => {
		const seeded = sandbox().agentry.seedDrafts(INBOX, 1000);
		const trigger = await activate();
		const changed = seeded.slice(0, 250).reverse();
		for (const draft of changed) sandbox().agentry.touchDraft(draft.draft_id);
		sandbox().clearLog();

		const { items } = await trigger.poll();
		expect(items.map((item) => item.json.draft_id)).toEqual(changed.map((draft) => draft.draft_id));
		// 250 new drafts in pages of 100: the third page holds the watermark.
		expect(listRequests()).toHaveLength(3);
		sandbox().clearLog();
		expect(await trigger.poll()).toEqual({ items: [] });
		expect(listRequests()).toHaveLength(1);
	});

	test('a poll that fails on its second page emits nothing and keeps its state; the next poll emits everything once', async () => {
		const trigger = await activate({ options: { maxRetries: 0 } });
		const created: string[] = [];
		for (let i = 0; i < 130; i++) created.push(await createDraft({ subject: `Draft ${i}` }));
		const before = trigger.nodeStaticData();
		sandbox().faults.add({ match: { method: 'GET', api: 'agentry' }, kind: 'reset', every: 2, times: 1 });

		const failed = await trigger.poll();
		expect(failed.items).toEqual([]);
		expect(failed.error?.message).toMatch(/closed before a response arrived \(ECONNRESET\)/);
		expect(trigger.nodeStaticData()).toEqual(before);
		expect(trigger.savedStaticData()['node:Trigger']).toEqual(before);

		expect((await trigger.poll()).items.map((item) => item.json.draft_id)).toEqual(created);
		expect(await trigger.poll()).toEqual({ items: [] });
	});

	test('after a restart, n8n resumes from the saved state', async () => {
		const trigger = await activate();
		await createDraft();
		await trigger.poll();
		const whileDown = await createDraft();
		const { trigger: restarted, first } = await trigger.restart();
		expect(events(first.items)).toEqual([[UPDATED, whileDown]]);
		expect(await restarted.poll()).toEqual({ items: [] });
	});

	test('another inbox starts from now rather than replaying its drafts', async () => {
		const trigger = await activate();
		sandbox().agentry.addInbox({ email: 'support@agentry.test' });
		sandbox().agentry.seedDrafts('support@agentry.test', 5);
		const other = { ...spec(), parameters: { ...spec().parameters, inboxId: byId('support@agentry.test') } };
		const { first } = await ActiveTrigger.activate(other, { savedStaticData: trigger.savedStaticData(), activation: 'update' });
		expect(first).toEqual({ items: [] });
	});
});

describe('Draft Send Failed', () => {
	test('once per failure: not again for an edit of a draft that stays failed, again after it is rescheduled and fails', async () => {
		const trigger = await activate({ events: [UPDATED, FAILED] });
		const draft = await createDraft({ send_at: '2030-01-02T09:00:00Z' });
		expect(events((await trigger.poll()).items)).toEqual([[UPDATED, draft]]);

		failSend(draft);
		const { items } = await trigger.poll();
		expect(events(items)).toEqual([[UPDATED, draft], [FAILED, draft]]);
		expect(items[1].json).toMatchObject({ event: FAILED, send_status: 'failed' });

		await updateDraft(draft, { subject: 'Fixed the typo' });
		expect(events((await trigger.poll()).items)).toEqual([[UPDATED, draft]]);

		await updateDraft(draft, { send_at: '2030-01-03T09:00:00Z' });
		expect(events((await trigger.poll()).items)).toEqual([[UPDATED, draft]]);
		failSend(draft);
		expect(events((await trigger.poll()).items)).toEqual([[UPDATED, draft], [FAILED, draft]]);
	});

	test('alone, it emits only failures', async () => {
		const trigger = await activate({ events: [FAILED] });
		await createDraft();
		const bad = await createDraft({ send_at: '2030-01-02T09:00:00Z' });
		failSend(bad);
		expect(events((await trigger.poll()).items)).toEqual([[FAILED, bad]]);
	});

	test('the failures it remembers are capped, so the state stays small however many drafts fail', async () => {
		const trigger = await activate({ events: [FAILED] });
		sandbox().agentry.seedDrafts(INBOX, 700, () => ({ send_at: '2030-01-02T09:00:00Z', send_status: 'failed' }));
		expect((await trigger.poll()).items).toHaveLength(700);
		const state = trigger.nodeStaticData().draftPoll as { reported: { floor: string; episodes: unknown[] } };
		// All 700 failed the same send time: the floor covers them, and no episode needs keeping.
		expect(state.reported).toEqual({ floor: '2030-01-02T09:00:00.000Z', episodes: [] });
		expect(JSON.stringify(state).length).toBeLessThan(20_000);
	});
});

describe('filters and output', () => {
	test('Labels: only drafts that have all of them', async () => {
		const trigger = await activate({ filters: { labels: ['vip', 'review'] } });
		const both = await createDraft({ labels: ['review', 'vip', 'q3'] });
		await createDraft({ labels: ['vip'] });
		expect(events((await trigger.poll()).items)).toEqual([[UPDATED, both]]);
	});

	test('Simplify keeps the event and the simplified draft (10 fields); off, the whole listed draft and its event', async () => {
		const simple = await activate();
		const raw = await activate({ simple: false });
		await createDraft({ text: 'Hi Jane', cc: ['boss@example.com'], labels: ['vip'], send_at: '2030-01-02T09:00:00Z' });

		const [compact] = (await simple.poll()).items;
		expect(Object.keys(compact.json)).toEqual(
			['event', 'draft_id', 'subject', 'to', 'labels', 'send_status', 'send_at', 'updated_at', 'preview', 'attachment_count'],
		);
		const [full] = (await raw.poll()).items;
		expect(full.json).toMatchObject({ event: UPDATED, cc: ['boss@example.com'], attachments: [] });
	});

	test.each([
		['an Inbox that is not an ID', { inboxId: byId('sales/../other') }, /Inbox "sales\/..\/other" is not a valid ID/],
		['an unknown event', { events: [UPDATED, 'draftDeleted'] }, /Trigger On has an unknown event: "draftDeleted"/],
		['a Max Retries that is not a number', { options: { maxRetries: 'many' } }, /Max Retries must be a whole number/],
	])('%s fails with a clear error before any request', async (_case, parameters, message) => {
		await expect(ActiveTrigger.activate(spec(parameters as INodeParameters))).rejects.toThrow(message);
		expect((await fetchTestEvent(spec(parameters as INodeParameters))).error?.message).toMatch(message);
		expect(sandbox().log).toEqual([]);
	});

	test('a listed draft without a valid updated_at fails the poll, named, and the state stays', async () => {
		const trigger = await activate();
		const state = trigger.nodeStaticData().draftPoll;
		const page = { drafts: [{ draft_id: 'draft_undated', updated_at: null }], next_page_token: null };
		sandbox().faults.add({ kind: 'body', status: 200, body: JSON.stringify(page), times: 1 });
		const { error } = await trigger.poll();
		expect(error?.message).toBe('Agentry returned draft "draft_undated" without a valid updated_at');
		expect(trigger.nodeStaticData().draftPoll).toEqual(state);
	});

	test('no event: the activation fails with a clear error, and n8n itself refuses a manual run (a required field)', async () => {
		await expect(ActiveTrigger.activate(spec({ events: [] }))).rejects.toThrow(/Trigger On is empty/);
		await expect(fetchTestEvent(spec({ events: [] }))).rejects.toThrow(/workflow has issues/);
		expect(sandbox().log).toEqual([]);
	});

	test('the Inbox picker and the Labels list work in the trigger as in the Agentry node', async () => {
		await createDraft({ labels: ['vip', 'review'] });
		const credentials = agentryCredentials(sandbox());
		const inboxes = await listSearch({ type: 'agentryTrigger', method: 'searchInboxes', credentials });
		expect(inboxes.results).toEqual([{ name: `Sales <${INBOX}>`, value: INBOX }]);
		const labels = await loadOptions({ type: 'agentryTrigger', method: 'getLabels', credentials, parameters: { inboxId: fromList(INBOX) } });
		expect(labels.map((label) => label.value)).toEqual(['review', 'vip']);
	});
});

describe('Fetch Test Event', () => {
	test('returns the newest draft of each chosen event at once and leaves the state as it was', async () => {
		const trigger = await activate({ events: [UPDATED, FAILED] });
		const failed = await createDraft({ send_at: '2030-01-02T09:00:00Z' });
		failSend(failed);
		const newest = await createDraft();
		const saved = trigger.savedStaticData();

		const { items, error, staticData } = await fetchTestEvent(spec({ events: [UPDATED, FAILED] }), saved);
		expect(error).toBeUndefined();
		expect(events(items)).toEqual([[UPDATED, newest], [FAILED, failed]]);
		expect(staticData).toEqual(saved);
		expect((await trigger.poll()).items).toHaveLength(3);
	});

	test('says so when no recent draft matches', async () => {
		await createDraft();
		const { error } = await fetchTestEvent(spec({ events: [FAILED] }));
		expect(error?.message).toBe('No draft of the inbox matches the events and filters (looked through the 1 newest draft)');
	});
});
