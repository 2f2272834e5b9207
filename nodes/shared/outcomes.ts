import { mayStillLand, pause } from './retry';

/**
 * What looking at the API found after a create or send whose outcome was unknown (a reset, a
 * timeout, a success that could not be read).
 */
export type Resolution<T> =
	/** What the first attempt did: its result. */
	| { found: T }
	/** Proof that the first attempt left nothing: doing it again is safe. */
	| { absent: true }
	/** No proof either way: says what was seen. */
	| { unknown: string };

/** What a lookup knows of the attempt it resolves. */
export interface UnknownAttempt {
	/** When the attempt was sent (this machine's clock). */
	sentAt: number;
	/** The API answered with a success that could not be read: it certainly did something. */
	carriedOut: boolean;
}

export type OutcomeLookup<T> = (attempt: UnknownAttempt) => Promise<Resolution<T>>;

/**
 * Looks; when it finds nothing, waits `settleMs()` (asked then, once the first look has answered)
 * and looks once more before calling it absent: a request the API still holds (queued, or slow)
 * when the node gave up on it may land meanwhile.
 */
export async function lookTwice<T>(
	lookup: () => Promise<Resolution<T>>,
	settleMs: () => number,
	signal?: AbortSignal,
): Promise<Resolution<T>> {
	const first = await lookup();
	if (!('absent' in first)) return first;
	if (!(await pause(settleMs(), signal))) return { unknown: 'the execution was cancelled while waiting to look again' };
	return await lookup();
}

/** How many times the slowest answer of the run a request read before a reset may still take to land. */
export const SETTLE_FACTOR = 4;
/** The shortest wait before the second look after a reset: room for an API slower on one request than on all the run's others. */
export const MIN_SETTLE_MS = 2_000;

/**
 * How long to wait before the second look. After a timeout or a gateway's 502/504 the API may
 * hold the request as long as a request may take: the Timeout. After a reset only a request the
 * API had read before the connection broke can still land, and it lands about as fast as the API
 * answers: SETTLE_FACTOR times the slowest answer of the run, at least MIN_SETTLE_MS, at most the
 * Timeout (all of it before any answer showed how fast the API is). Waiting the Timeout there
 * too made every run behind a resetting connection cap last half a minute (issue 17).
 */
export function settleMs(
	failure: { status?: number; networkCode?: string },
	slowestAnswerMs: number | undefined,
	timeoutMs: number,
): number {
	if (mayStillLand(failure) || slowestAnswerMs === undefined) return timeoutMs;
	return Math.min(timeoutMs, Math.max(MIN_SETTLE_MS, SETTLE_FACTOR * slowestAnswerMs));
}

/** Errors whose request may or may not have been carried out: a later execution must look before acting. */
const outcomeUnknown = new WeakSet<object>();

export function markOutcomeUnknown<E extends object>(error: E): E {
	outcomeUnknown.add(error);
	return error;
}

export function isOutcomeUnknown(error: unknown): boolean {
	return typeof error === 'object' && error !== null && outcomeUnknown.has(error);
}
