import { sleep } from 'n8n-workflow';

/** How a failed attempt ended, which decides whether it may be repeated. */
export type FailureKind =
	/** The server refused the request before doing anything (429, 503, connection refused). */
	| 'refused'
	/** The request may or may not have been carried out (5xx, reset, timeout). */
	| 'ambiguous'
	/** Repeating cannot help (4xx, cancellation, unknown host). */
	| 'final';

const REFUSED_STATUSES = new Set([429, 503]);
const AMBIGUOUS_STATUSES = new Set([500, 502, 504]);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);
const AMBIGUOUS_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	// A response cut off mid-body: the request was processed.
	'ERR_BAD_RESPONSE',
]);

/** Failures after which the API may still be holding the request: the client or a gateway gave up waiting. */
const STILL_HELD_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const GATEWAY_STATUSES = new Set([502, 504]);

/** The API itself answered (a 500, a success it could not be read from): it is done with the request. */
export function apiAnswered({ status }: { status?: number }): boolean {
	return status !== undefined && !GATEWAY_STATUSES.has(status);
}

/**
 * A timeout or a gateway's 502/504: the API may still carry the request out later, so finding
 * nothing now proves nothing.
 */
export function mayStillLand({ status, networkCode }: { status?: number; networkCode?: string }): boolean {
	return (status !== undefined && GATEWAY_STATUSES.has(status)) || (networkCode !== undefined && STILL_HELD_CODES.has(networkCode));
}

export function classifyStatus(status: number): FailureKind {
	if (REFUSED_STATUSES.has(status)) return 'refused';
	if (AMBIGUOUS_STATUSES.has(status)) return 'ambiguous';
	return 'final';
}

export function classifyNetworkCode(code: string | undefined): FailureKind {
	if (code && REFUSED_CODES.has(code)) return 'refused';
	if (code && AMBIGUOUS_CODES.has(code)) return 'ambiguous';
	return 'final';
}

export const MAX_WAIT_MS = 60_000;
const BASE_DELAY_MS = 250;

/** Milliseconds a `Retry-After` header asks for (delta seconds or an HTTP date), capped. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	if (typeof header !== 'string' || header.trim() === '') return undefined;
	const value = header.trim();
	const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
	if (Number.isNaN(ms)) return undefined;
	return Math.min(Math.max(ms, 0), MAX_WAIT_MS);
}

/** Exponential backoff with full jitter: a random wait up to 250 ms × 2^attempt, capped. */
export function backoffMs(attempt: number, random = Math.random): number {
	return Math.floor(random() * Math.min(MAX_WAIT_MS, BASE_DELAY_MS * 2 ** attempt));
}

/**
 * The wait before a retry that the API gave no Retry-After for. Replaceable, so that tests choose
 * the waits instead of sleeping a random time.
 */
export const retryBackoff = { waitMs: (attempt: number): number => backoffMs(attempt) };

/**
 * One wait shared by every request of a node run: when the API answers 429, all concurrent
 * requests hold off together instead of each hammering it on its own schedule.
 */
export class RateGate {
	private openAt = 0;

	hold(ms: number): void {
		this.openAt = Math.max(this.openAt, Date.now() + ms);
	}

	remainingMs(): number {
		return Math.max(0, this.openAt - Date.now());
	}
}

/** How often a wait looks at the cancel signal. */
const PAUSE_SLICE_MS = 200;

/**
 * Waits `ms`, ending early when the execution is cancelled (then resolving `false`). Built on
 * n8n-workflow's `sleep`, which every n8n version exports (its abortable sibling is gone from
 * current n8n), in short slices so that a cancelled run stops waiting within one slice.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
	const until = Date.now() + ms;
	for (let left = ms; left > 0 && !signal?.aborted; left = until - Date.now()) {
		await sleep(Math.min(left, PAUSE_SLICE_MS));
	}
	return !signal?.aborted;
}
