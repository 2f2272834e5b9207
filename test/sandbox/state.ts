import { randomBytes } from 'node:crypto';

import type { ClockControl } from './types';

/** Shared state primitives: ids and the clock. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random alphanumeric id with a prefix, e.g. `HR_id_3kd9...`; URL-safe without encoding. */
export function newId(prefix: string, length = 22): string {
	const bytes = randomBytes(length);
	let out = prefix;
	for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
	return out;
}

/**
 * The sandbox's clock. Running, it is strictly increasing in milliseconds: two writes in the same
 * millisecond still get distinct, ordered timestamps, so "updated_at bumps" and list order never
 * depend on timing luck. Tests control it (`sandbox.clock`): `advance` moves it forward, `freeze`
 * stamps every write with one instant (drafts that share a timestamp) until `resume`, `runAhead`
 * stamps the next writes ahead of it without moving it (a server whose clock runs ahead).
 */
export class Clock implements ClockControl {
	private last = 0;
	private offsetMs = 0;
	private frozenAt?: number;
	private ahead?: { ms: number; writes: number };

	nowMs(): number {
		if (this.ahead) return this.aheadStamp(this.ahead);
		if (this.frozenAt !== undefined) return this.frozenAt;
		this.last = Math.max(Date.now() + this.offsetMs, this.last + 1);
		return this.last;
	}

	/** The time now, without stamping it (the next stamp may still be this instant). */
	current(): number {
		return this.frozenAt ?? Math.max(this.last, Date.now() + this.offsetMs);
	}

	nowIso(): string {
		return new Date(this.nowMs()).toISOString();
	}

	now(): string {
		return this.nowIso();
	}

	advance(ms: number): string {
		if (!Number.isFinite(ms) || ms < 0) throw new Error(`Sandbox: the clock only moves forward, not by ${ms} ms`);
		this.offsetMs += ms;
		if (this.frozenAt !== undefined) this.frozenAt += ms;
		return this.now();
	}

	freeze(at?: string): string {
		const current = this.current();
		const instant = at === undefined ? current : timestampMs(at, 'freeze');
		if (instant < current) throw new Error(`Sandbox: the clock cannot go back to ${at}`);
		this.frozenAt = instant;
		return this.now();
	}

	runAhead(ms: number, writes = 1): void {
		if (!Number.isFinite(ms) || ms <= 0) throw new Error(`Sandbox: a clock runs ahead by a positive time, not ${ms} ms`);
		if (!Number.isInteger(writes) || writes < 1) throw new Error(`Sandbox: runAhead needs a positive number of writes, not ${writes}`);
		this.ahead = { ms, writes };
	}

	/** A stamp ahead of the clock, which leaves the clock's own last stamp as it was. */
	private aheadStamp(ahead: { ms: number; writes: number }): number {
		if (--ahead.writes === 0) this.ahead = undefined;
		const base = this.frozenAt ?? Math.max(Date.now() + this.offsetMs, this.last + 1);
		return base + ahead.ms;
	}

	resume(): void {
		if (this.frozenAt === undefined) return;
		// Running on from the frozen instant keeps every later stamp after it.
		this.offsetMs = Math.max(this.offsetMs, this.frozenAt - Date.now());
		this.last = Math.max(this.last, this.frozenAt);
		this.frozenAt = undefined;
	}

	/** Back to real time. */
	reset(): void {
		this.ahead = undefined;
		this.last = 0;
		this.offsetMs = 0;
		this.frozenAt = undefined;
	}
}

/** Parses a timestamp given by test code; throws so seeding mistakes surface at once. */
export function timestampMs(value: string, what: string): number {
	const t = Date.parse(value);
	if (Number.isNaN(t)) throw new Error(`Sandbox: invalid ${what} timestamp '${value}'`);
	return t;
}
