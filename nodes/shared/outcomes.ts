import { pause } from './retry';

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
 * Looks; when it finds nothing, waits `settleMs` and looks once more before calling it absent: a
 * request the API still holds (queued, or slow) when the node gave up on it may land meanwhile.
 */
export async function lookTwice<T>(
	lookup: () => Promise<Resolution<T>>,
	settleMs: number,
	signal?: AbortSignal,
): Promise<Resolution<T>> {
	const first = await lookup();
	if (!('absent' in first)) return first;
	if (!(await pause(settleMs, signal))) return { unknown: 'the execution was cancelled while waiting to look again' };
	return await lookup();
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
