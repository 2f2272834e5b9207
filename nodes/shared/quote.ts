/** How many characters of a user's value an error message shows. */
export const QUOTE_LENGTH = 40;

/**
 * A value as an error message quotes it: at most QUOTE_LENGTH characters, control characters
 * escaped (`\n`, `\u0000`), and, when cut, its full length. A megabyte pasted into a field must not
 * become a megabyte of error message, and a line break must not hide the rest of it.
 */
export function quote(value: unknown): string {
	if (typeof value !== 'string') return describe(value);
	if (value.length <= QUOTE_LENGTH) return quoted(value);
	// Cut before a lone surrogate half, so the quote stays valid text.
	const end = isHighSurrogate(value.charCodeAt(QUOTE_LENGTH - 1)) ? QUOTE_LENGTH - 1 : QUOTE_LENGTH;
	return `${quoted(`${value.slice(0, end)}…`)} (${value.length} characters)`;
}

/** In quotes, with every control character and line separator escaped (JSON leaves DEL, C1 and U+2028 as they are). */
function quoted(text: string): string {
	return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value that is not text, named by its kind; never serialized whole. */
function describe(value: unknown): string {
	if (Array.isArray(value)) return `a list of ${value.length} entries`;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : quote(value.toISOString());
	if (typeof value === 'object' && value !== null) return 'an object';
	if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
	// A number, boolean, null or undefined, as written; a bigint can be long.
	const text = String(value);
	return text.length <= QUOTE_LENGTH ? text : quote(text);
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}
