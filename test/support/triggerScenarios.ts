import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../sandbox/server';
import { passTime } from './time';
import { idsOf, type TriggerKit } from './triggerKits';

/**
 * Scenarios both polling triggers must pass alike, each run against one trigger's kit. Each
 * trigger's folder calls them from its own test file, beside what only that trigger does.
 */

export const DAY = 86_400_000;
const aheadOf = (state: IDataObject) => (state.draftPoll as { ahead: unknown[] }).ahead;

/** Polls that overlap: n8n starts the next poll on schedule without waiting for the last one. */
export function describeOverlappingPolls({ activate, createDrafts, holdListRequest, startHeldPoll }: TriggerKit): void {
	describe('a poll that starts while the previous one still runs (n8n does not wait for it)', () => {
		afterEach(() => jest.restoreAllMocks());

		test('emits nothing; the running poll emits each new draft once', async () => {
			const trigger = await activate();
			const created = await createDrafts(5);

			const slow = await startHeldPoll(trigger);
			const overlapping = await trigger.poll();
			slow.release();
			const first = await slow.outcome;

			expect([...idsOf(overlapping.items), ...idsOf(first.items)]).toEqual(created);
			expect(overlapping).toEqual({ items: [] });
			expect(await trigger.poll()).toEqual({ items: [] });
			const later = await createDrafts(1);
			expect(idsOf((await trigger.poll()).items)).toEqual(later);
		});

		test('a poll that outlasts its lease and was overtaken emits nothing; the poll that took over emits each draft once', async () => {
			const trigger = await activate();
			const created = await createDrafts(3);

			const slow = await startHeldPoll(trigger);
			passTime(60 * 60_000);
			const overtaking = await trigger.poll();
			slow.release();
			const overtaken = await slow.outcome;

			expect([...idsOf(overtaking.items), ...idsOf(overtaken.items)]).toEqual(created);
			expect(overtaken).toEqual({ items: [] });
			expect(await trigger.poll()).toEqual({ items: [] });
		});

		test('a poll reading page after page renews its lease at each page: a later poll meanwhile emits nothing, though the whole poll outlasts one lease', async () => {
			// Max Retries 0, Timeout 30 s: the lease lapses 90 s after the last page began.
			const trigger = await activate({ options: { maxRetries: 0, timeout: 30_000 } });
			const created = await createDrafts(250);
			const [second, third] = [holdListRequest(2), holdListRequest(3)];
			const reading = trigger.poll();

			await second.arrived;
			passTime(80_000);
			expect(await trigger.poll()).toEqual({ items: [] });
			second.release();
			await third.arrived;
			// 160 s since the poll began, 80 s since its third page did.
			passTime(80_000);
			expect(await trigger.poll()).toEqual({ items: [] });
			third.release();

			expect(idsOf((await reading).items)).toEqual(created);
			expect(await trigger.poll()).toEqual({ items: [] });
		});

		test('a lease saved by n8n while its poll ran, whose process then died, holds the trigger back until it lapses; nothing is lost', async () => {
			const trigger = await activate();
			const created = await createDrafts(3);
			const dying = await startHeldPoll(trigger);
			// Another trigger of the workflow emits: n8n saves the whole workflow's static data, lease included.
			trigger.persist();

			const { trigger: restarted, first } = await trigger.restart();
			expect(first).toEqual({ items: [] });
			expect(await restarted.poll()).toEqual({ items: [] });

			// Default options (Max Retries 10, Timeout 30 s): the lease lapses within 17 minutes.
			passTime(17 * 60_000);
			expect(idsOf((await restarted.poll()).items)).toEqual(created);
			expect(await restarted.poll()).toEqual({ items: [] });

			// That process is gone; its held request is let go only to end the test cleanly.
			dying.release();
			await dying.outcome;
		});
	});
}

/** Drafts stamped by an API clock that runs ahead of the poll's own time. */
export function describeClockAhead(sandbox: () => Sandbox, { activate, createDrafts }: TriggerKit): void {
	describe('a timestamp ahead of the poll’s own time', () => {
		afterEach(() => jest.restoreAllMocks());

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
}
