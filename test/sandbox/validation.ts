/** Input checks shared by both APIs. Deliberately close to what real servers accept. */

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function isEmail(value: string): boolean {
	return value.length <= 254 && EMAIL.test(value) && !value.includes('..');
}

/** A display name as RFC 5322 allows it unquoted: words of atext (UTF-8 allowed), single spaces. */
const PHRASE = /^[^\s()<>[\]:;@\\,."]+(?: [^\s()<>[\]:;@\\,."]+)*$/u;
/** A quoted display name: any text, with `"` and `\` escaped. */
const QUOTED = /^"(?:[^"\\\r\n]|\\.)+"$/;

/**
 * `user@domain` or `Display Name <user@domain>`, exactly as Agentry documents it: one space before
 * `<`, and a name with special characters (`,`, `@`, `"`, ...) in quotes.
 */
export function isAddress(value: string): boolean {
	const named = /^(.+) <([^<>\s]+)>$/.exec(value);
	if (named) return (PHRASE.test(named[1]) || QUOTED.test(named[1])) && isEmail(named[2]);
	return isEmail(value);
}

/** Optional leading +, then 7-15 digits; spaces, dashes, dots and parentheses allowed between. */
export function isPhoneNumber(value: string): boolean {
	if (!/^\+?[\d\s().-]+$/.test(value)) return false;
	const digits = value.replace(/\D/g, '').length;
	return digits >= 7 && digits <= 15;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** RFC 3339 date-time with an explicit offset; returns ms or undefined. */
export function parseDateTime(value: string): number | undefined {
	if (!DATE_TIME.test(value)) return undefined;
	const t = Date.parse(value);
	return Number.isNaN(t) ? undefined : t;
}

/**
 * A date (`2026-05-21`, whole UTC day) or a date-time (offset optional, UTC assumed, as FastAPI's
 * datetime parsing does). Returns the inclusive [from, to] range in ms.
 */
export function parseDateOrDateTime(value: string): { from: number; to: number } | undefined {
	if (DATE_ONLY.test(value)) {
		const from = Date.parse(`${value}T00:00:00Z`);
		if (Number.isNaN(from) || new Date(from).toISOString().slice(0, 10) !== value) return undefined;
		return { from, to: from + 86_400_000 - 1 };
	}
	const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
	const t = parseDateTime(withZone);
	return t === undefined ? undefined : { from: t, to: t };
}

/** Standard base64 (line breaks tolerated); returns the bytes or undefined. */
export function decodeBase64(value: string): Buffer | undefined {
	const compact = value.replace(/[\r\n]/g, '');
	if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
	return Buffer.from(compact, 'base64');
}

export function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strict non-negative integer parsing for query parameters ("10", not "10.5" or "1e2"). */
export function parseIntParam(value: string): number | undefined {
	return /^-?\d{1,9}$/.test(value) ? Number(value) : undefined;
}
