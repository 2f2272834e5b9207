import type { IDataObject } from 'n8n-workflow';

import { agentry, agPath } from '../sandbox/testClient';
import { useSandbox } from '../support/sandbox';
import { AGENTRY_INBOX, agentryTriggerKit, idsOf } from '../support/triggerKits';

const sandbox = useSandbox();
const { activate } = agentryTriggerKit(sandbox);

const UPDATED = 'draftCreatedOrUpdated';
const FAILED = 'draftSendFailed';
const MINUTE = 60_000;

/** Agentry's scheduler gives up on a draft's send: its status and updated_at change. */
function failSend(draftId: string): void {
	sandbox().agentry.setSendStatus(draftId, 'failed');
	sandbox().agentry.touchDraft(draftId);
}

async function reschedule(draftId: string, sendAt: string): Promise<void> {
	const res = await agentry(sandbox(), 'PATCH', agPath(AGENTRY_INBOX, `/drafts/${draftId}`), { body: { send_at: sendAt } });
	expect(res.statusCode).toBe(200);
}

const events = (items: Array<{ json: IDataObject }>) => items.map((item) => [item.json.event, item.json.draft_id]);
const sandboxNow = () => Date.parse(sandbox().clock.now());

describe('Draft Send Failed: once per failed send, however many', () => {
	test('1,000 sends fail, then every failed draft is edited and stays failed: no failure comes out again, and the state stays small', async () => {
		const now = sandboxNow();
		// Sends due over the last 1,000 minutes, still scheduled when the trigger is activated.
		const drafts = sandbox().agentry.seedDrafts(AGENTRY_INBOX, 1000, (i) => ({
			send_at: new Date(now - (i + 1) * MINUTE).toISOString(),
			send_status: 'scheduled',
		}));
		const trigger = await activate({ events: [FAILED] });

		for (const draft of drafts) failSend(draft.draft_id);
		const failed = (await trigger.poll()).items;
		expect(failed).toHaveLength(1000);
		expect(new Set(idsOf(failed)).size).toBe(1000);

		for (const draft of drafts) sandbox().agentry.touchDraft(draft.draft_id);
		expect(await trigger.poll()).toEqual({ items: [] });
		expect(JSON.stringify(trigger.savedStaticData()).length).toBeLessThan(40_000);

		// The oldest send, long forgotten one by one: rescheduled and failed again, it is a new failure.
		const oldest = drafts[999].draft_id;
		await reschedule(oldest, new Date(now + 10 * MINUTE).toISOString());
		expect(await trigger.poll()).toEqual({ items: [] });
		failSend(oldest);
		expect(events((await trigger.poll()).items)).toEqual([[FAILED, oldest]]);
	});

	test('a send that fails only after later polls read the inbox (the scheduler took its time) is still a failure', async () => {
		const trigger = await activate({ events: [UPDATED, FAILED] });
		const due = sandbox().agentry.addDraft(AGENTRY_INBOX, { send_at: new Date(sandboxNow() - MINUTE).toISOString(), send_status: 'sending' });
		expect(events((await trigger.poll()).items)).toEqual([[UPDATED, due.draft_id]]);
		const other = sandbox().agentry.addDraft(AGENTRY_INBOX, { subject: 'Later' });
		expect(events((await trigger.poll()).items)).toEqual([[UPDATED, other.draft_id]]);

		failSend(due.draft_id);
		expect(events((await trigger.poll()).items)).toEqual([[UPDATED, due.draft_id], [FAILED, due.draft_id]]);
	});

	test('a draft rescheduled and failed again between two polls is a new failure; edited while failed, it is not', async () => {
		const trigger = await activate({ events: [FAILED] });
		const draft = sandbox().agentry.addDraft(AGENTRY_INBOX, { send_at: new Date(sandboxNow() - MINUTE).toISOString(), send_status: 'scheduled' });
		failSend(draft.draft_id);
		expect(events((await trigger.poll()).items)).toEqual([[FAILED, draft.draft_id]]);

		await reschedule(draft.draft_id, new Date(sandboxNow() + MINUTE).toISOString());
		failSend(draft.draft_id);
		expect(events((await trigger.poll()).items)).toEqual([[FAILED, draft.draft_id]]);
		sandbox().agentry.touchDraft(draft.draft_id);
		expect(await trigger.poll()).toEqual({ items: [] });
	});
});
