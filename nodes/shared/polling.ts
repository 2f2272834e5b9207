import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestOptionFields, settingsOf } from './descriptions';
import { type Page, paginate } from './pagination';
import type { ApiClient, RequestSettings } from './transport';
import type { InputCheck } from './validation';

/**
 * Polling triggers over a list that is ordered newest first by a timestamp (HyperRep's created_at,
 * Agentry's updated_at). The state kept between polls is a watermark: the newest timestamp handled
 * and the IDs handled at exactly that time. A poll reads back to the watermark and no further, so
 * its cost follows the number of new items, never the size of the list; the IDs make items that
 * share a timestamp come out once each, whenever they appear.
 */

export interface Watermark {
	/** The newest timestamp handled (ms); null when the list was empty at activation. */
	at: number | null;
	/** The IDs handled at exactly `at`: skipped when seen again, while other items stamped `at` are new. */
	ids: string[];
}

/** A list read newest first. */
export interface Feed<T> {
	/** One page; an API that can filter by time may use `since` to leave out older items. */
	fetchPage(token: string | undefined, pageSize: number, since: number | null): Promise<Page<T>>;
	/** The item's ID and the timestamp the list is ordered by; fails on an item without one. */
	stamp(item: T): { id: string; at: number };
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
	 * The output for the items that are new since the last poll (oldest first), given the IDs
	 * already reported for events that fire once per change (e.g. a failed send); returns the
	 * output and the reported IDs to keep, the most recent last.
	 */
	emit(fresh: T[], reported: string[]): { output: IDataObject[]; reported: string[] };
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
/** How many reported IDs the state keeps, so that it stays small whatever the list's size. */
const MAX_REPORTED = 500;

const STATE_KEY = 'draftPoll';
const STATE_VERSION = 1;

/**
 * n8n's `poll()` for a trigger of this package. The first poll after activation only records where
 * the list stands (no history is replayed); later polls emit what is new since the last successful
 * poll. The state is written only once a poll has read everything, so a poll that fails half-way
 * leaves it untouched and the next one starts again from the same place. Fetch Test Event (manual
 * mode) returns the newest matching items at once and never touches the state.
 */
export async function pollTrigger<T>(
	context: IPollFunctions,
	client: ApiClient,
	trigger: PollingTrigger<T>,
): Promise<INodeExecutionData[][] | null> {
	if (context.getMode() === 'manual') return [context.helpers.returnJsonArray(await sampleNewest(context, client, trigger))];

	const state = loadState(context, trigger.scope);
	if (!state) {
		saveState(context, trigger.scope, { mark: await markNow(client, trigger.feed), reported: [] });
		return null;
	}
	const { fresh, mark } = await readSince(client, trigger.feed, state.mark);
	const { output, reported } = trigger.emit(fresh, state.reported);
	saveState(context, trigger.scope, { mark, reported: reported.slice(-MAX_REPORTED) });
	return output.length ? [context.helpers.returnJsonArray(output)] : null;
}

/** The items new since `mark`, oldest first, and the watermark after them. */
export async function readSince<T>(
	client: ApiClient,
	feed: Feed<T>,
	mark: Watermark,
): Promise<{ fresh: T[]; mark: Watermark }> {
	const known = new Set(mark.ids);
	const taken = new Set<string>();
	const newest = new Newest(mark);
	const fresh = await readPages(client, feed, mark.at, ({ id, at }) => {
		if (mark.at !== null && at < mark.at) return 'stop';
		newest.see(id, at);
		// An item seen twice in one walk (it moved while the pages were read) counts once.
		if ((at === mark.at && known.has(id)) || taken.has(id)) return 'skip';
		taken.add(id);
		return 'take';
	});
	return { fresh: fresh.reverse(), mark: newest.mark() };
}

/** Where the list stands now: its newest timestamp and the IDs stamped with it. */
export async function markNow<T>(client: ApiClient, feed: Feed<T>): Promise<Watermark> {
	const newest = new Newest({ at: null, ids: [] });
	await readPages(client, feed, null, ({ id, at }) => {
		if (newest.at !== null && at < newest.at) return 'stop';
		newest.see(id, at);
		return 'skip';
	});
	return newest.mark();
}

/** The newest timestamp seen, with every ID seen at it. */
class Newest {
	at: number | null;
	private ids: Set<string>;

	constructor(start: Watermark) {
		this.at = start.at;
		this.ids = new Set(start.ids);
	}

	see(id: string, at: number): void {
		if (this.at === null || at > this.at) {
			this.at = at;
			this.ids = new Set([id]);
		} else if (at === this.at) {
			this.ids.add(id);
		}
	}

	mark(): Watermark {
		return { at: this.at, ids: [...this.ids] };
	}
}

type Verdict = 'take' | 'skip' | 'stop';

/** Reads the feed newest first until `judge` says stop or the list ends; returns the items taken. */
async function readPages<T>(
	client: ApiClient,
	feed: Feed<T>,
	since: number | null,
	judge: (stamp: { id: string; at: number }) => Verdict,
): Promise<T[]> {
	const taken: T[] = [];
	// The pages read go to `paginate` whole (up to the stop), so that its guard against a list
	// that stops making progress counts items read, not items taken.
	await paginate(
		client,
		async (token, pageSize) => {
			const page = await feed.fetchPage(token, pageSize, since);
			for (const [index, item] of page.items.entries()) {
				const verdict = judge(feed.stamp(item));
				if (verdict === 'stop') return { items: page.items.slice(0, index), next: undefined };
				if (verdict === 'take') taken.push(item);
			}
			return page;
		},
		{ returnAll: true, limit: 0, maxPageSize: feed.maxPageSize },
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
			return { items: page.items, next: complete ? undefined : page.next };
		},
		{ returnAll: false, limit: SAMPLE_SCAN_LIMIT, maxPageSize: trigger.feed.maxPageSize },
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

interface PollState {
	mark: Watermark;
	/** IDs reported for events that fire once per change, the most recent last. */
	reported: string[];
}

/** The node's stored state, as n8n keeps it in the workflow's static data. */
interface StoredState extends IDataObject {
	version: number;
	scope: string;
	/** ISO 8601, so that the state reads plainly in an exported workflow. */
	at: string | null;
	ids: string[];
	reported: string[];
}

function loadState(context: IPollFunctions, scope: string): PollState | undefined {
	const stored = context.getWorkflowStaticData('node')[STATE_KEY] as StoredState | undefined;
	if (!isStoredState(stored) || stored.scope !== scope) return undefined;
	return { mark: { at: stored.at === null ? null : Date.parse(stored.at), ids: stored.ids }, reported: stored.reported };
}

function saveState(context: IPollFunctions, scope: string, { mark, reported }: PollState): void {
	const stored: StoredState = {
		version: STATE_VERSION,
		scope,
		at: mark.at === null ? null : new Date(mark.at).toISOString(),
		ids: mark.ids,
		reported,
	};
	context.getWorkflowStaticData('node')[STATE_KEY] = stored;
}

/** Anything else (an older version, a hand-edited workflow) starts afresh rather than replaying history. */
function isStoredState(value: unknown): value is StoredState {
	const state = value as StoredState | undefined;
	const isList = (list: unknown) => Array.isArray(list) && list.every((id) => typeof id === 'string');
	return (
		typeof state === 'object' &&
		state !== null &&
		state.version === STATE_VERSION &&
		typeof state.scope === 'string' &&
		(state.at === null || (typeof state.at === 'string' && !Number.isNaN(Date.parse(state.at)))) &&
		isList(state.ids) &&
		isList(state.reported)
	);
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
): (draft: T) => { id: string; at: number } {
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
