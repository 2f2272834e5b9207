import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestOptionFields, settingsOf } from './descriptions';
import { type Page, paginate } from './pagination';
import { leaseMs, PollLease } from './pollLease';
import { loadState, saveState } from './pollState';
import { ReportedEvents } from './reportedEvents';
import type { ApiClient, RequestSettings } from './transport';
import type { InputCheck } from './validation';
import { EMPTY_MARK, MAX_AHEAD, MarkBuilder, type Stamp, type Watermark } from './watermark';

/**
 * Polling triggers over a list that is ordered newest first by a timestamp (HyperRep's created_at,
 * Agentry's updated_at). The state kept between polls is a watermark (./watermark): the newest
 * timestamp handled, the IDs handled at exactly that time, and the few items stamped ahead of the
 * poll's own time. A poll reads back to the watermark and no further, so its cost follows the
 * number of new items, never the size of the list; the IDs make items that share a timestamp come
 * out once each, whenever they appear.
 */

/** A list read newest first. */
export interface Feed<T> {
	/** One page; an API that can filter by time may use `since` to leave out older items. */
	fetchPage(token: string | undefined, pageSize: number, since: number | null): Promise<Page<T>>;
	/** The item's ID and the timestamp the list is ordered by; fails on an item without one. */
	stamp(item: T): Stamp;
	/** The largest page the list accepts: the fewest requests per poll. */
	maxPageSize: number;
}

/** What one trigger node adds to the shared poll: its scope, its list and what it emits. */
export interface PollingTrigger<T> {
	/**
	 * What the state belongs to (an organization, an inbox). A state of another scope is
	 * discarded, and polling starts from now, as on activation.
	 */
	scope: string;
	feed: Feed<T>;
	/**
	 * The output for the items that are new since the last poll (oldest first). Events that fire
	 * once per episode (a failed send) are looked up in and recorded to `reported`.
	 */
	emit(fresh: T[], reported: ReportedEvents): IDataObject[];
	/** Fetch Test Event: collects output from items offered newest first. */
	sample(): Sample<T>;
	/** What to say when Fetch Test Event finds nothing, e.g. "No message draft matches the filters". */
	nothingFound: string;
}

export interface Sample<T> {
	/** Takes an item; true once the sample is complete. */
	offer(item: T): boolean;
	output(): IDataObject[];
}

/** How many of the newest items Fetch Test Event looks through for a match. */
const SAMPLE_SCAN_LIMIT = 1000;

/**
 * n8n's `poll()` for a trigger of this package. The first poll after activation only records where
 * the list stands (no history is replayed); later polls emit what is new since the last successful
 * poll. The state is written only once a poll has read everything, so a poll that fails half-way
 * leaves it untouched and the next one starts again from the same place. A poll that starts while
 * another poll of the trigger runs returns nothing (./pollLease). Fetch Test Event (manual mode)
 * returns the newest matching items at once and never touches the state.
 */
export async function pollTrigger<T>(
	context: IPollFunctions,
	client: ApiClient,
	trigger: PollingTrigger<T>,
	settings: RequestSettings,
): Promise<INodeExecutionData[][] | null> {
	if (context.getMode() === 'manual') return [context.helpers.returnJsonArray(await sampleNewest(context, client, trigger))];

	// The poll's own time: a timestamp after it is ahead, and does not move the watermark.
	const now = Date.now();
	const lease = PollLease.take(context, leaseMs(settings), now);
	if (!lease) return null;
	try {
		const renew = () => lease.renew(Date.now());
		const state = loadState(context, trigger.scope);
		if (!state) {
			const mark = await markNow(client, trigger.feed, now, renew);
			if (lease.holds()) saveState(context, trigger.scope, { mark, reported: new ReportedEvents() });
			return null;
		}
		const { fresh, mark } = await readSince(client, trigger.feed, state.mark, now, renew);
		if (!lease.holds()) return null;
		const output = trigger.emit(fresh, state.reported);
		saveState(context, trigger.scope, { mark, reported: state.reported });
		return output.length ? [context.helpers.returnJsonArray(output)] : null;
	} finally {
		lease.release();
	}
}

/**
 * The items new since `mark`, oldest first, and the watermark after them. `now` is the poll's own
 * time; `keepGoing` is asked before each page (the poll still holds its lease).
 */
export async function readSince<T>(
	client: ApiClient,
	feed: Feed<T>,
	mark: Watermark,
	now: number,
	keepGoing: () => boolean = () => true,
): Promise<{ fresh: T[]; mark: Watermark }> {
	const atMark = new Set(mark.ids);
	const ahead = new Map(mark.ahead.map((item) => [item.id, item.at]));
	const taken = new Set<string>();
	const next = new MarkBuilder(mark, now);
	const fresh = await readPages(client, feed, mark.at, keepGoing, ({ id, at }) => {
		if (mark.at !== null && at < mark.at) return 'stop';
		next.see({ id, at });
		const handled = (at === mark.at && atMark.has(id)) || ahead.get(id) === at;
		// An item seen twice in one walk (it moved while the pages were read) counts once.
		if (handled || taken.has(id)) return 'skip';
		taken.add(id);
		return 'take';
	});
	return { fresh: fresh.reverse(), mark: next.mark() };
}

/** Where the list stands now: its newest timestamp up to `now`, the IDs stamped with it, and those stamped ahead. */
export async function markNow<T>(
	client: ApiClient,
	feed: Feed<T>,
	now: number,
	keepGoing: () => boolean = () => true,
): Promise<Watermark> {
	const next = new MarkBuilder(EMPTY_MARK, now);
	await readPages(client, feed, null, keepGoing, (stamp) => {
		const newest = next.newest;
		if (newest !== null && stamp.at < newest) return 'stop';
		next.see(stamp);
		// More stamped ahead than are remembered: the watermark moves ahead over the oldest of them.
		return next.aheadCount > MAX_AHEAD ? 'stop' : 'skip';
	});
	return next.mark();
}

type Verdict = 'take' | 'skip' | 'stop';

/** Reads the feed newest first until `judge` says stop or the list ends; returns the items taken. */
async function readPages<T>(
	client: ApiClient,
	feed: Feed<T>,
	since: number | null,
	keepGoing: () => boolean,
	judge: (stamp: Stamp) => Verdict,
): Promise<T[]> {
	const taken: T[] = [];
	// The pages read go to `paginate` whole (up to the stop), so that its guard against a list
	// that stops making progress counts items read, not items taken.
	await paginate(
		client,
		async (token, pageSize) => {
			if (!keepGoing()) return { items: [], next: undefined };
			const page = await feed.fetchPage(token, pageSize, since);
			for (const [index, item] of page.items.entries()) {
				const verdict = judge(feed.stamp(item));
				if (verdict === 'stop') return { items: page.items.slice(0, index), next: undefined };
				if (verdict === 'take') taken.push(item);
			}
			return page;
		},
		{ returnAll: true, limit: 0, maxPageSize: feed.maxPageSize, idOf: (item) => feed.stamp(item).id },
	);
	return taken;
}

/** Fetch Test Event: the sample from the newest items, or a clear error when none matches. */
async function sampleNewest<T>(context: IPollFunctions, client: ApiClient, trigger: PollingTrigger<T>) {
	const sample = trigger.sample();
	const scanned = await paginate(
		client,
		async (token, pageSize) => {
			const page = await trigger.feed.fetchPage(token, pageSize, null);
			const complete = page.items.some((item) => sample.offer(item));
			return complete ? { items: page.items } : page;
		},
		{
			returnAll: false,
			limit: SAMPLE_SCAN_LIMIT,
			maxPageSize: trigger.feed.maxPageSize,
			idOf: (item) => trigger.feed.stamp(item).id,
		},
	);
	const output = sample.output();
	if (output.length === 0) {
		const count = scanned.length;
		const looked = count === 0 ? 'there are no drafts yet' : `looked through the ${count} newest draft${count === 1 ? '' : 's'}`;
		throw new NodeOperationError(context.getNode(), `${trigger.nothingFound} (${looked})`, {
			description: 'Create a draft that matches the trigger, or loosen its filters, then fetch a test event again.',
		});
	}
	return output;
}

/** A trigger's Options: the request options that apply to one poll. */
export const pollOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: requestOptionFields.filter((field) => field.name !== 'concurrency'),
};

/** Max Retries and Timeout of a trigger's Options. */
export function pollSettings(context: IPollFunctions, check: InputCheck): RequestSettings {
	return settingsOf(context.getNodeParameter('options', {}) as Record<string, unknown>, check);
}

/**
 * A draft feed's `stamp`: the draft's ID and the timestamp its list is ordered by. A draft without
 * a valid one fails the poll, since it cannot be placed before or after the watermark.
 */
export function draftStamp<T extends { draft_id: string }>(
	client: ApiClient,
	order: { api: string; noun: string; field: keyof T & string; meaning: string },
): (draft: T) => Stamp {
	return (draft) => {
		const at = parseTimestamp(draft[order.field]);
		if (at === undefined) {
			return client.fail({
				message: `${order.api} returned ${order.noun} "${draft.draft_id}" without a valid ${order.field}`,
				description: `The trigger orders drafts by ${order.meaning}. Try again later, or report it to ${order.api}.`,
				status: 200,
			});
		}
		return { id: draft.draft_id, at };
	};
}

/**
 * An API timestamp in ms. One without a zone (as Python APIs write naive UTC times) is read as
 * UTC, never in the server process's zone.
 */
export function parseTimestamp(value: unknown): number | undefined {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
	const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
	const at = Date.parse(zoned);
	return Number.isNaN(at) ? undefined : at;
}
