import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { htmlToText } from './output';

/** What an error body says, whatever its shape. */
export interface ErrorDetails {
	message?: string;
	code?: string;
	/** Advice or a route to follow next (`fix`, `hint`, `route`, ...). */
	hint?: string;
}

/**
 * How a node names an API field in its messages: the parameter's label, and for a list field
 * what one entry is called (`to[0]` is "To, first address").
 */
export type FieldLabels = Record<string, string | { label: string; entry: string }>;

const MESSAGE_KEYS = ['message', 'detail', 'error', 'error_description', 'title', 'msg', 'description'];
const CODE_KEYS = ['code', 'error_code', 'type', 'name'];
const HINT_KEYS = ['fix', 'hint', 'suggestion', 'help'];
const ROUTE_KEYS = ['route', 'docs', 'documentation_url'];
const PATH_KEYS = ['path', 'loc', 'field', 'param', 'pointer'];
/** Where FastAPI says a field came from; not part of the field's name. */
const REQUEST_PARTS = new Set(['body', 'query', 'path', 'header']);
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a value that may be a string, a list of strings or objects, or a nested object. */
function textOf(value: unknown, labels: FieldLabels, depth = 0): string | undefined {
	if (depth > 4 || value === null || value === undefined) return undefined;
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) {
		const parts = value.map((entry) => textOf(entry, labels, depth + 1)).filter(Boolean);
		return parts.length ? parts.join('; ') : undefined;
	}
	if (isRecord(value)) {
		const message = firstText(value, MESSAGE_KEYS, labels, depth + 1);
		const field = fieldName(firstValue(value, PATH_KEYS), labels);
		return message && field ? `${field}: ${message}` : message;
	}
	return undefined;
}

function firstValue(body: Record<string, unknown>, keys: string[]): unknown {
	return keys.map((key) => body[key]).find((value) => value !== undefined && value !== null);
}

function firstText(body: Record<string, unknown>, keys: string[], labels: FieldLabels, depth = 0) {
	for (const key of keys) {
		const text = textOf(body[key], labels, depth);
		if (text) return text;
	}
	return undefined;
}

/** The node's name for an API field path (`to[0]`, `attachments.1.url`, `["body", "to_email"]`). */
function fieldName(path: unknown, labels: FieldLabels): string | undefined {
	const segments = Array.isArray(path)
		? path.map(String)
		: typeof path === 'string'
			? path.replace(/^\//, '').split(/[.[\]/]+/).filter(Boolean)
			: [];
	while (segments.length > 1 && REQUEST_PARTS.has(segments[0])) segments.shift();
	if (segments.length === 0) return undefined;
	let entry = 'entry';
	return segments
		.map((segment) => {
			if (/^\d+$/.test(segment)) {
				const index = Number(segment);
				return `${ORDINALS[index] ?? `#${index + 1}`} ${entry}`;
			}
			const known = labels[segment];
			entry = typeof known === 'object' ? known.entry : 'entry';
			return typeof known === 'object' ? known.label : (known ?? segment);
		})
		.join(', ');
}

/** Field errors (`errors[]`, FastAPI's `detail[]`), each named as the node names the field. */
function fieldErrors(body: Record<string, unknown>, labels: FieldLabels): string | undefined {
	const list = [body.errors, body.detail].find(Array.isArray) as unknown[] | undefined;
	return list ? textOf(list, labels) : undefined;
}

/**
 * Reads a message, a code and a hint from any JSON error body, never `[object Object]`. Field
 * errors are listed one by one after the message, named with `labels`.
 */
export function describeErrorBody(body: unknown, labels: FieldLabels = {}): ErrorDetails {
	if (typeof body === 'string') return { message: plainText(body) };
	if (!isRecord(body)) return {};
	// `detail` may itself be the whole error object.
	const inner = isRecord(body.detail) ? body.detail : isRecord(body.error) ? body.error : {};
	const summary = [inner.message, body.message, inner.error, body.error].find((value) => typeof value === 'string');
	const fields = fieldErrors(body, labels);
	const message = fields
		? [typeof summary === 'string' ? summary.trim() : undefined, fields].filter(Boolean).join(': ')
		: (firstText(inner, MESSAGE_KEYS, labels) ?? firstText(body, MESSAGE_KEYS, labels));
	return {
		message: message || undefined,
		code: firstText(inner, CODE_KEYS, labels) ?? firstText(body, CODE_KEYS, labels),
		hint: hintOf(inner, labels) ?? hintOf(body, labels),
	};
}

/** Advice and a route to follow, when the body gives them. */
function hintOf(body: Record<string, unknown>, labels: FieldLabels): string | undefined {
	const advice = firstText(body, HINT_KEYS, labels);
	const route = firstText(body, ROUTE_KEYS, labels);
	const parts = [advice, route && !advice?.includes(route) ? `Route: ${route}` : undefined];
	return parts.filter(Boolean).join(' ') || undefined;
}

/**
 * One readable line for a non-JSON body: an HTML error page's title (or first heading), since
 * its body mostly repeats it; otherwise the text without tags.
 */
function plainText(body: string): string | undefined {
	return htmlToText(elementText(body, 'title') ?? elementText(body, 'h1') ?? body) || undefined;
}

const ELEMENT_START = { title: /<title[^<>]*>/i, h1: /<h1[^<>]*>/i };
const ELEMENT_END = { title: /<\/title>/i, h1: /<\/h1>/i };

/** The inside of the first element `tag` of an HTML page, found in one pass. */
function elementText(html: string, tag: 'title' | 'h1'): string | undefined {
	const start = ELEMENT_START[tag].exec(html);
	if (!start) return undefined;
	const rest = html.slice(start.index + start[0].length);
	const end = rest.search(ELEMENT_END[tag]);
	return end < 0 ? undefined : rest.slice(0, end);
}

/** Shorter values would blank out ordinary words; real keys are longer. */
const MIN_SECRET_LENGTH = 6;

/**
 * Every form a secret can take on the wire, longest first: as typed and trimmed (HTTP trims a
 * header value, so the API sees and may echo the trimmed key), URL-encoded (a redirect's
 * `Location`, a query string), JSON-escaped, and base64-encoded anywhere inside a longer value
 * (a Basic header of `user:key`, a token wrapping it), in either base64 alphabet.
 */
export function secretForms(secret: string): string[] {
	const forms = new Set<string>();
	for (const value of new Set([secret, secret.trim()])) {
		const encoded = encodeURIComponent(value);
		forms.add(value);
		forms.add(encoded);
		forms.add(encoded.replace(/%[\dA-F]{2}/g, (escape) => escape.toLowerCase()));
		forms.add(encoded.replace(/%20/g, '+'));
		forms.add(JSON.stringify(value).slice(1, -1));
		for (const core of base64Cores(value)) forms.add(core);
	}
	return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * The base64 characters that depend on the value's bytes alone, for each of the three positions
 * it can start at inside a longer encoded text: whatever precedes or follows it, they appear.
 */
function base64Cores(value: string): string[] {
	const bytes = Buffer.from(value, 'utf8');
	const cores: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
		cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return cores;
}

/** Replaces every secret, in each of its wire forms (see `secretForms`), with asterisks. */
export function scrub(text: string, secrets: string[]): string {
	let result = text;
	for (const form of secrets.flatMap(secretForms)) result = result.split(form).join('***');
	return result;
}

/** An error is read in n8n's error panel: a 2 MB error page must not become a 2 MB message. */
export const MAX_MESSAGE_LENGTH = 500;
export const MAX_DESCRIPTION_LENGTH = 2000;

/** Scrubs secrets from the whole text first, then cuts: a key straddling the cut stays hidden. */
export function safeText(text: string, secrets: string[], maxLength: number): string {
	const clean = scrub(text, secrets);
	return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}

export interface ApiErrorSpec {
	message: string;
	description?: string;
	status?: number;
	code?: string;
	itemIndex?: number;
	secrets: string[];
}

/**
 * Builds the NodeApiError n8n shows for a failed API call, from scrubbed text only: the
 * original error (with its request headers) never travels along.
 */
export function apiError(node: INode, spec: ApiErrorSpec): NodeApiError {
	const message = safeText(spec.message, spec.secrets, MAX_MESSAGE_LENGTH);
	const description = spec.description
		? safeText(spec.description, spec.secrets, MAX_DESCRIPTION_LENGTH)
		: undefined;
	const response: JsonObject = { message };
	if (description) response.description = description;
	if (spec.code) response.code = safeText(spec.code, spec.secrets, MAX_MESSAGE_LENGTH);
	if (spec.status) response.httpCode = String(spec.status);
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: spec.status ? String(spec.status) : undefined,
		itemIndex: spec.itemIndex,
	});
	// n8n may replace the message with a generic one for known status codes.
	error.message = message;
	if (description !== undefined) error.description = description;
	return error;
}
