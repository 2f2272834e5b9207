import { randomBytes } from 'node:crypto';

/** Shared state primitives: ids and a clock. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random alphanumeric id with a prefix, e.g. `HR_id_3kd9...`; URL-safe without encoding. */
export function newId(prefix: string, length = 22): string {
	const bytes = randomBytes(length);
	let out = prefix;
	for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
	return out;
}

/**
 * Strictly increasing millisecond clock: two writes in the same millisecond still get distinct,
 * ordered timestamps, so "updated_at bumps" and list order never depend on timing luck.
 */
export class Clock {
	private last = 0;

	nowMs(): number {
		this.last = Math.max(Date.now(), this.last + 1);
		return this.last;
	}

	nowIso(): string {
		return new Date(this.nowMs()).toISOString();
	}
}

/** Parses a timestamp given by test code; throws so seeding mistakes surface at once. */
export function timestampMs(value: string, what: string): number {
	const t = Date.parse(value);
	if (Number.isNaN(t)) throw new Error(`Sandbox: invalid ${what} timestamp '${value}'`);
	return t;
}
