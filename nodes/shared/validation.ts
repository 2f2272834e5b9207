import { DateTime } from 'luxon';
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { quote } from './quote';

export const MAX_ID_LENGTH = 256;
export const MAX_LINE_LENGTH = 998;
export const MAX_BODY_LENGTH = 1_000_000;

const LOCAL_PART = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*";
const DOMAIN = '(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]';
const EMAIL = new RegExp(`^${LOCAL_PART}@${DOMAIN}$`);
/** One word of a display name that needs no quotes: no whitespace and none of RFC 5322's specials. */
const NAME_ATOM = /^[^\s()<>[\]:;@\\,."]+$/u;
/**
 * Characters a single-line field refuses: C0 controls (CR, LF and NUL among them, tab too), DEL,
 * the C1 controls (NEL among them) and Unicode's line and paragraph separators. Written into a
 * mail header, any of them could end the line and start another.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is its purpose
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Printable ASCII without the characters that would change a URL path. */
const ID = /^[\x21-\x7e]+$/;
const ID_FORBIDDEN = /[/\\?#%]/;

/** Send At may lie this far in the past (clocks differ, the item took time), as mail services allow. */
export const SEND_AT_GRACE_MINUTES = 5;
/** The earliest date a Send At may name: anything before is a mistake (year 0, 1970 from a zero timestamp). */
const EARLIEST_SEND_AT = DateTime.fromISO('2000-01-01T00:00:00Z');
/** Longer than any date and time ISO 8601 writes; a longer value is not parsed at all. */
const MAX_DATE_LENGTH = 64;

/**
 * Checks one item's input before anything is sent, failing with an error that names the item,
 * the field and what to fix. Every check reads its value once (linear time), and every message
 * quotes a bad value short (see `quote`).
 */
export class InputCheck {
	constructor(
		private readonly node: INode,
		readonly itemIndex: number,
		/** The workflow's time zone, in which dates without a zone are read. */
		private readonly timeZone = 'UTC',
		/** The time Send At is compared with. */
		private readonly now: () => DateTime = () => DateTime.now(),
	) {}

	fail(message: string, description?: string): never {
		throw new NodeOperationError(this.node, message, { itemIndex: this.itemIndex, description });
	}

	/**
	 * A text value that may span lines, such as a body; numbers are accepted as their digits,
	 * anything else is refused.
	 */
	text(value: unknown, field: string, maxLength = MAX_LINE_LENGTH): string {
		if (value === undefined || value === null) return '';
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		if (typeof value !== 'string') {
			this.fail(`${field} must be text, not ${describeType(value)}`, `Check the expression that sets ${field}.`);
		}
		if (value.length > maxLength) {
			this.fail(`${field} is too long (${value.length} characters; the most is ${maxLength})`);
		}
		return value;
	}

	/**
	 * A single-line value, trimmed: refuses control characters and line breaks inside it (see
	 * CONTROL), which a mail API could write into a header as a new line.
	 */
	line(value: unknown, field: string, maxLength = MAX_LINE_LENGTH): string {
		const line = this.text(value, field, maxLength).trim();
		const at = line.search(CONTROL);
		if (at >= 0) {
			this.fail(
				`${field} contains a control character (${characterName(line.charCodeAt(at))} at position ${at + 1}): ${quote(line)}`,
				`${field} is a single line: remove line breaks, tabs and other control characters, e.g. with .replace(/\\s+/g, ' ') in the expression.`,
			);
		}
		return line;
	}

	/** An ID that goes into a URL path: required, one path segment, printable ASCII. */
	id(value: unknown, field: string): string {
		const id = this.line(value, field, MAX_ID_LENGTH);
		if (id === '') this.fail(`${field} is empty: give its ID`, `Set ${field}, or pick one from the list.`);
		if (!isPathSegment(id)) {
			this.fail(
				`${field} ${quote(id)} is not a valid ID: IDs are printable characters without spaces, "/", "\\", "?", "#", "%" or ".."`,
				'Pick the item from the list, or copy its ID exactly as the API returned it.',
			);
		}
		return id;
	}

	/**
	 * Addresses from a comma-separated string or an array, each returned in the form Agentry
	 * documents: `user@domain.com` or `Display Name <user@domain.com>` (see `normalizeAddress`).
	 */
	addresses(value: unknown, field: string): string[] {
		return this.addressList(value, field, normalizeAddress, 'Use user@domain.com or Display Name <user@domain.com>, separated by commas');
	}

	/** Bare email addresses from a comma-separated string or an array. */
	emails(value: unknown, field: string): string[] {
		const bare = (address: string) => (EMAIL.test(address) ? address : undefined);
		return this.addressList(value, field, bare, 'Use user@domain.com, separated by commas');
	}

	private addressList(
		value: unknown,
		field: string,
		normalize: (address: string) => string | undefined,
		advice: string,
	): string[] {
		const entries = Array.isArray(value) ? value : [value];
		const addresses: string[] = [];
		for (const entry of entries) {
			if (entry === undefined || entry === null || entry === '') continue;
			// Line breaks may separate addresses; inside one they are refused.
			for (const address of splitAddresses(this.text(entry, field, MAX_BODY_LENGTH))) {
				const normalized = normalize(this.line(address, `${field} address`));
				if (normalized === undefined) this.fail(`${field} contains an invalid email address: ${quote(address)}. ${advice}`);
				addresses.push(normalized);
			}
		}
		return addresses;
	}

	/** A single bare email address (no display name). */
	email(value: unknown, field: string): string {
		const email = this.line(value, field);
		if (!EMAIL.test(email)) {
			this.fail(`${field} is not a valid email address: ${quote(email)}. Use the form user@domain.com`);
		}
		return email;
	}

	/** A phone number: digits with optional +, spaces, dashes, dots and parentheses. */
	phone(value: unknown, field: string): string {
		const phone = this.line(value, field);
		const digits = phone.replace(/[\s().-]/g, '');
		if (!/^\+?\d{7,15}$/.test(digits)) {
			this.fail(
				`${field} is not a valid phone number: ${quote(phone)}. Use 7 to 15 digits, optionally starting with + and a country code, e.g. +1 513-867-5309`,
			);
		}
		return phone;
	}

	/**
	 * A date and time, returned as ISO 8601 in UTC. A value without a zone (as the editor's date
	 * picker stores it) is read in the workflow's time zone; one with `Z` or an offset, a Date or a
	 * Luxon DateTime keeps its instant. A date alone means the start of that day, or with
	 * `day: 'end'` its last moment, so that an end date includes the whole day.
	 */
	dateTime(value: unknown, field: string, day: 'start' | 'end' = 'start'): string {
		return this.parsedDateTime(value, field, day).toUTC().toISO() as string;
	}

	/**
	 * When to send: a date and time as `dateTime` reads it, from 2000 on, and not more than
	 * SEND_AT_GRACE_MINUTES in the past, since a scheduled send in the past is a mistake (Gmail and
	 * Outlook refuse it too).
	 */
	sendAt(value: unknown, field: string): string {
		const at = this.parsedDateTime(value, field, 'start');
		const shown = at.toUTC().toISO() as string;
		if (at < EARLIEST_SEND_AT) {
			this.fail(`${field} is before the year 2000: ${shown}`, 'Check the expression that sets it: a zero or empty timestamp reads as 1970.');
		}
		const now = this.now();
		if (at < now.minus({ minutes: SEND_AT_GRACE_MINUTES })) {
			this.fail(
				`${field} is in the past: ${shown} (now is ${now.toUTC().toISO({ suppressMilliseconds: true })})`,
				`A scheduled send must be in the future. To send right away, leave ${field} empty and use the Send operation; dates without a zone are read in the workflow's time zone (${this.timeZone}).`,
			);
		}
		return shown;
	}

	private parsedDateTime(value: unknown, field: string, day: 'start' | 'end'): DateTime {
		const parsed = toDateTime(value, this.timeZone, day);
		if (!parsed) {
			this.fail(
				`${field} is not a valid date and time: ${quote(value)}. Use ISO 8601, e.g. 2026-05-02T09:30:00Z, or 2026-05-02T09:30:00 for the workflow's time zone (${this.timeZone})`,
				'Pick a date in the field, or give an ISO 8601 value from an expression. An offset is at most ±18:00, e.g. +02:00.',
			);
		}
		return parsed;
	}

	/** A full http(s) URL. */
	httpUrl(value: unknown, field: string): string {
		const url = this.line(value, field, MAX_BODY_LENGTH);
		if (!isHttpUrl(url)) {
			this.fail(`${field} ${quote(url)} is not an http(s) URL. Use a full address such as https://example.com/file.pdf`);
		}
		return url;
	}

	/** A positive whole number, such as a Limit. */
	positiveInteger(value: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number {
		return this.integer(value, field, 1, max);
	}

	/**
	 * A whole number from `min` to `max`, as a number or as decimal digits; "2.5", "1e3", "0x10"
	 * and "abc" are refused rather than rounded or replaced by a default.
	 */
	integer(value: unknown, field: string, min: number, max: number): number {
		const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
		if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min || number > max) {
			const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
			this.fail(`${field} must be a whole number ${range}, not ${quote(value)}`);
		}
		return number;
	}

	/** A switch's value, which an expression could have set to anything. */
	boolean(value: unknown, field: string): boolean {
		if (typeof value !== 'boolean') this.fail(`${field} must be true or false`, 'Check the expression that sets it.');
		return value;
	}

	/** A list of short single-line strings (labels), from an array or a comma-separated string. */
	stringList(value: unknown, field: string): string[] {
		const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
		return entries
			.filter((entry) => entry !== undefined && entry !== null && entry !== '')
			.map((entry) => this.line(entry, field, MAX_ID_LENGTH))
			.filter((entry) => entry !== '');
	}
}

const CHARACTER_NAMES: Record<number, string> = { 0: 'NUL', 9: 'tab', 10: 'line feed', 13: 'carriage return' };

function characterName(code: number): string {
	return CHARACTER_NAMES[code] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Splits on commas (or semicolons) that are not inside a quoted display name or angle brackets. */
export function splitAddresses(list: string): string[] {
	const parts: string[] = [];
	let start = 0;
	let quoted = false;
	let escaped = false;
	let bracketed = false;
	for (let at = 0; at < list.length; at++) {
		const char = list[at];
		if (escaped) escaped = false;
		else if (quoted) {
			if (char === '\\') escaped = true;
			else if (char === '"') quoted = false;
		} else if (char === '"') quoted = true;
		else if (char === '<') bracketed = true;
		else if (char === '>') bracketed = false;
		else if ((char === ',' || char === ';') && !bracketed) {
			parts.push(list.slice(start, at));
			start = at + 1;
		}
	}
	parts.push(list.slice(start));
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * An address in the form Agentry documents, or undefined when the text is not an address:
 * `user@domain.com`, or `Display Name <user@domain.com>` with one space before `<` and the name
 * quoted (with `"` and `\\` escaped) when it has special characters. `Jane<jane@x.com>` becomes
 * `Jane <jane@x.com>`, `Jane @ Acme <jane@x.com>` becomes `"Jane @ Acme" <jane@x.com>`.
 */
export function normalizeAddress(text: string): string | undefined {
	const value = text.trim();
	if (EMAIL.test(value)) return value;
	// Read by position, not by a pattern: a lazy name followed by optional spaces, as in
	// /^(.*?)\s*<…>$/, backtracks quadratically over a run of spaces.
	const open = value.lastIndexOf('<');
	if (open < 0 || !value.endsWith('>')) return undefined;
	const email = value.slice(open + 1, -1).trim();
	if (!EMAIL.test(email)) return undefined;
	const name = displayName(value.slice(0, open));
	if (name === undefined) return undefined;
	return name === '' ? email : `${name} <${email}>`;
}

function displayName(raw: string): string | undefined {
	const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(raw.trim());
	const name = quoted ? quoted[1].replace(/\\(.)/g, '$1') : raw;
	if (CONTROL.test(name)) return undefined;
	const words = name.trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) return '';
	return words.every((word) => NAME_ATOM.test(word))
		? words.join(' ')
		: `"${words.join(' ').replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * Whether a value can be one segment of a URL path without changing the route: printable ASCII,
 * none of the characters that end or escape a segment, and no dot segments, which URL
 * normalization would remove (`drafts/./send` becomes `drafts/send`).
 */
export function isPathSegment(value: string): boolean {
	return (
		value.length > 0 &&
		value.length <= MAX_ID_LENGTH &&
		ID.test(value) &&
		!ID_FORBIDDEN.test(value) &&
		!value.includes('..') &&
		value !== '.'
	);
}

export function isHttpUrl(url: string): boolean {
	return URL.canParse(url) && /^https?:$/.test(new URL(url).protocol);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const OFFSET = /[+-](\d{2})(?::?(\d{2}))?$/;
/** The widest offset a time zone can have (java.time's bound; real zones span -12:00 to +14:00). */
const MAX_OFFSET_MINUTES = 18 * 60;

function toDateTime(value: unknown, zone: string, day: 'start' | 'end'): DateTime | undefined {
	let parsed: DateTime | undefined;
	if (value instanceof Date) parsed = DateTime.fromJSDate(value);
	// A Luxon DateTime from an expression (possibly n8n's own copy of Luxon).
	else if (DateTime.isDateTime(value)) parsed = DateTime.fromMillis(value.toMillis());
	else if (typeof value === 'string' && value.length <= MAX_DATE_LENGTH && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) {
		const text = value.trim();
		if (DATE_ONLY.test(text)) {
			const start = DateTime.fromISO(text, { zone }).startOf('day');
			parsed = day === 'end' ? start.endOf('day') : start;
		} else if (HAS_ZONE.test(text)) {
			// Luxon reads any two digits as an offset hour, +25:00 too.
			parsed = isValidOffset(text) ? DateTime.fromISO(text, { setZone: true }) : undefined;
		} else {
			const iso = DateTime.fromISO(text, { zone });
			parsed = iso.isValid ? iso : DateTime.fromSQL(text, { zone });
		}
	}
	return parsed?.isValid ? parsed : undefined;
}

/** Whether a date's offset (none, `Z`, `+02`, `+0200`, `+02:00`) is one a time zone can have. */
function isValidOffset(text: string): boolean {
	const offset = OFFSET.exec(text);
	if (!offset) return true;
	const minutes = Number(offset[2] ?? 0);
	return minutes < 60 && Number(offset[1]) * 60 + minutes <= MAX_OFFSET_MINUTES;
}

function describeType(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}
