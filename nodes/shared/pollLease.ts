import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { MAX_WAIT_MS } from './retry';
import type { RequestSettings } from './transport';

const LEASE_KEY = 'draftPollLease';

interface StoredLease extends IDataObject {
	token: string;
	/** ISO 8601: when the lease lapses unless its poll renews it. */
	until: string;
}

/**
 * One poll at a time per trigger. n8n's cron starts a poll on schedule whether or not the previous
 * one has finished (ActiveWorkflows registers `executeTrigger` as the cron's tick and does not wait
 * for it), and both run on the one Workflow object kept while the workflow is active, sharing its
 * static data. A poll that finds a live lease there returns nothing: the poll holding it started
 * from the same state and emits what is new. The lease lapses at an expiry that every page read
 * pushes on, so a lease that n8n saved with the static data (it saves the whole workflow's data
 * whenever a trigger emits) and whose process then died holds the trigger back only until then.
 * A poll whose lease lapsed and was taken by a later poll emits and saves nothing: the later poll
 * started from the same state.
 */
export class PollLease {
	private constructor(
		private readonly data: IDataObject,
		private readonly token: string,
		private readonly ttlMs: number,
	) {}

	/** The lease, or undefined while another poll of this trigger holds a live one. */
	static take(context: IPollFunctions, ttlMs: number, now: number): PollLease | undefined {
		const data = context.getWorkflowStaticData('node');
		const held = data[LEASE_KEY];
		if (isLease(held) && Date.parse(held.until) > now) return undefined;
		const lease = new PollLease(data, `${now.toString(36)}.${Math.random().toString(36).slice(2)}`, ttlMs);
		lease.write(now);
		return lease;
	}

	/** Whether no other poll took the lease; a lapsed lease nobody took is still this poll's. */
	holds(): boolean {
		const held = this.data[LEASE_KEY];
		return isLease(held) && held.token === this.token;
	}

	/** Pushes the expiry on; false when another poll took the lease. */
	renew(now: number): boolean {
		if (!this.holds()) return false;
		this.write(now);
		return true;
	}

	release(): void {
		if (this.holds()) delete this.data[LEASE_KEY];
	}

	private write(now: number): void {
		const lease: StoredLease = { token: this.token, until: new Date(now + this.ttlMs).toISOString() };
		this.data[LEASE_KEY] = lease;
	}
}

/**
 * How long a poll may go without reading a page before its lease lapses: one request at its worst
 * (every attempt timing out, every wait between them at its cap), and a minute to spare.
 */
export function leaseMs({ maxRetries, timeoutMs }: RequestSettings): number {
	return (maxRetries + 1) * timeoutMs + maxRetries * MAX_WAIT_MS + 60_000;
}

function isLease(value: unknown): value is StoredLease {
	const lease = value as StoredLease | undefined;
	return typeof lease === 'object' && lease !== null && typeof lease.token === 'string' && typeof lease.until === 'string';
}
