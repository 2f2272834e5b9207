import type { IDataObject } from 'n8n-workflow';

import { agentry, agPath } from '../sandbox/testClient';
import { useSandbox } from '../support/sandbox';
import { passTime } from '../support/time';
import { AGENTRY_INBOX, agentryTriggerKit, idsOf } from '../support/triggerKits';

const sandbox = useSandbox();
const { activate, createDrafts } = agentryTriggerKit(sandbox);
afterEach(() => jest.restoreAllMocks());

const DAY = 86_400_000;
const aheadOf = (state: IDataObject) => (state.draftPoll as { ahead: unknown[] }).ahead;

describe('a timestamp ahead of the poll’s own time', () => {
	test('a draft stamped a day ahead comes out once and holds back no draft after it, then or a day later', async () => {
		const trigger = await activate();
		sandbox().clock.runAhead(DAY);
		const [early] = await createDrafts(1);
		expect(idsOf((await trigger.poll()).items)).toEqual([early]);

		const later = await createDrafts(2);
		expect(idsOf((await trigger.poll()).items)).toEqual(later);
		expect(await trigger.poll()).toEqual({ items: [] });

		// A day on, its stamp is in the past: it does not come out again, and the drafts after it do.
		passTime(DAY + 60_000);
		expect(await trigger.poll()).toEqual({ items: [] });
		const afterwards = await createDrafts(1);
		expect(idsOf((await trigger.poll()).items)).toEqual(afterwards);
		expect(aheadOf(trigger.nodeStaticData())).toEqual([]);
	});

	test('the draft stamped ahead, edited later, comes out as updated once', async () => {
		const trigger = await activate();
		sandbox().clock.runAhead(DAY);
		const [early] = await createDrafts(1);
		await trigger.poll();
		const res = await agentry(sandbox(), 'PATCH', agPath(AGENTRY_INBOX, `/drafts/${early}`), { body: { subject: 'Edited' } });
		expect(res.statusCode).toBe(200);
		const { items } = await trigger.poll();
		expect(items.map((item) => [item.json.draft_id, item.json.subject])).toEqual([[early, 'Edited']]);
		expect(await trigger.poll()).toEqual({ items: [] });
	});

	test('a draft stamped ahead before activation is not replayed and holds nothing back', async () => {
		sandbox().clock.runAhead(DAY);
		await createDrafts(1);
		const trigger = await activate();
		const later = await createDrafts(2);
		expect(idsOf((await trigger.poll()).items)).toEqual(later);
		expect(await trigger.poll()).toEqual({ items: [] });
	});

	test('an API whose whole clock runs an hour ahead: every draft once, and the state stays within its bound', async () => {
		const trigger = await activate();
		sandbox().clock.advance(3_600_000);
		const first = await createDrafts(60);
		expect(idsOf((await trigger.poll()).items)).toEqual(first);
		const next = await createDrafts(3);
		expect(idsOf((await trigger.poll()).items)).toEqual(next);
		expect(await trigger.poll()).toEqual({ items: [] });
		expect(aheadOf(trigger.nodeStaticData()).length).toBeLessThanOrEqual(50);
	});
});
