import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { ReportedEvents } from './reportedEvents';
import type { Watermark } from './watermark';

/** What a trigger keeps between polls. */
export interface PollState {
	mark: Watermark;
	reported: ReportedEvents;
}

const STATE_KEY = 'draftPoll';
const STATE_VERSION = 2;

/** The node's stored state, as n8n keeps it in the workflow's static data; times in ISO 8601, so that it reads plainly in an exported workflow. */
interface StoredState extends IDataObject {
	version: number;
	scope: string;
	at: string | null;
	ids: string[];
	/** Items handled with a timestamp ahead of the poll's time: [ID, timestamp]. */
	ahead: Array<[string, string]>;
	/** Events reported once per episode: the floor, and [ID, key] of the latest episodes. */
	reported: { floor: string | null; episodes: Array<[string, string]> };
}

export function loadState(context: IPollFunctions, scope: string): PollState | undefined {
	const stored = context.getWorkflowStaticData('node')[STATE_KEY];
	if (!isStoredState(stored) || stored.scope !== scope) return undefined;
	return {
		mark: {
			at: stored.at === null ? null : Date.parse(stored.at),
			ids: stored.ids,
			ahead: stored.ahead.map(([id, at]) => ({ id, at: Date.parse(at) })),
		},
		reported: new ReportedEvents(
			stored.reported.floor === null ? null : Date.parse(stored.reported.floor),
			new Map(stored.reported.episodes.map(([id, key]) => [id, Date.parse(key)])),
		),
	};
}

export function saveState(context: IPollFunctions, scope: string, { mark, reported }: PollState): void {
	const iso = (ms: number) => new Date(ms).toISOString();
	const { floor, episodes } = reported.bounded();
	const stored: StoredState = {
		version: STATE_VERSION,
		scope,
		at: mark.at === null ? null : iso(mark.at),
		ids: mark.ids,
		ahead: mark.ahead.map(({ id, at }) => [id, iso(at)]),
		reported: { floor: floor === null ? null : iso(floor), episodes: episodes.map(([id, key]) => [id, iso(key)]) },
	};
	context.getWorkflowStaticData('node')[STATE_KEY] = stored;
}

/** Anything else (an older version, a hand-edited workflow) starts afresh rather than replaying history. */
function isStoredState(value: unknown): value is StoredState {
	const state = value as StoredState | undefined;
	return (
		typeof state === 'object' &&
		state !== null &&
		state.version === STATE_VERSION &&
		typeof state.scope === 'string' &&
		(state.at === null || isTime(state.at)) &&
		Array.isArray(state.ids) &&
		state.ids.every((id) => typeof id === 'string') &&
		isPairList(state.ahead) &&
		typeof state.reported === 'object' &&
		state.reported !== null &&
		(state.reported.floor === null || isTime(state.reported.floor)) &&
		isPairList(state.reported.episodes)
	);
}

const isTime = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));

function isPairList(list: unknown): list is Array<[string, string]> {
	return Array.isArray(list) && list.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && isTime(pair[1]));
}
