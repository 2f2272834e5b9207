import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What an error body says, whatever its shape. */
export interface ErrorDetails {
	message?: string;
	code?: string;
	/** Advice or a route to follow next (`fix`, `hint`, `route`, ...). */
	hint?: string;
}

const MESSAGE_KEYS = ['message', 'detail', 'error', 'error_description', 'title', 'msg', 'description'];
const CODE_KEYS = ['code', 'error_code', 'type', 'name'];
const HINT_KEYS = ['fix', 'hint', 'suggestion', 'help'];
const ROUTE_KEYS = ['route', 'docs', 'documentation_url'];

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a value that may be a string, a list of strings or objects, or a nested object. */
function textOf(value: unknown, depth = 0): string | undefined {
	if (depth > 4 || value === null || value === undefined) return undefined;
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) {
		const parts = value.map((entry) => textOf(entry, depth + 1)).filter(Boolean);
		return parts.length ? parts.join('; ') : undefined;
	}
	if (isRecord(value)) {
		const message = firstText(value, MESSAGE_KEYS, depth + 1);
		// FastAPI-style validation errors carry the offending field in `loc`.
		const location = Array.isArray(value.loc) ? value.loc.join('.') : undefined;
		if (message && location) return `${location}: ${message}`;
		return message;
	}
	return undefined;
}

function firstText(body: Record<string, unknown>, keys: string[], depth = 0): string | undefined {
	for (const key of keys) {
		const text = textOf(body[key], depth);
		if (text) return text;
	}
	return undefined;
}

/** Reads a message, a code and a hint from any JSON error body, never `[object Object]`. */
export function describeErrorBody(body: unknown): ErrorDetails {
	if (typeof body === 'string') return { message: plainText(body) };
	if (!isRecord(body)) return {};
	// `detail` may itself be the whole error object.
	const inner = isRecord(body.detail) ? body.detail : isRecord(body.error) ? body.error : {};
	const details: ErrorDetails = {
		message: firstText(inner, MESSAGE_KEYS) ?? firstText(body, MESSAGE_KEYS) ?? textOf(body.errors),
		code: firstText(inner, CODE_KEYS) ?? firstText(body, CODE_KEYS),
		hint: hintOf(inner) ?? hintOf(body),
	};
	return details;
}

/** Advice and a route to follow, when the body gives them. */
function hintOf(body: Record<string, unknown>): string | undefined {
	const advice = firstText(body, HINT_KEYS);
	const route = firstText(body, ROUTE_KEYS);
	const parts = [advice, route && !advice?.includes(route) ? `Route: ${route}` : undefined];
	return parts.filter(Boolean).join(' ') || undefined;
}

/** A short plain-text rendering of a non-JSON body (an HTML error page, say). */
function plainText(body: string): string | undefined {
	const text = body
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	if (!text) return undefined;
	return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Replaces every secret in a text with asterisks. */
export function scrub(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		// Short values would blank out ordinary words; real keys are longer.
		if (secret.length >= 6) result = result.split(secret).join('***');
	}
	return result;
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
	const message = scrub(spec.message, spec.secrets);
	const description = spec.description ? scrub(spec.description, spec.secrets) : undefined;
	const response: JsonObject = { message };
	if (description) response.description = description;
	if (spec.code) response.code = scrub(spec.code, spec.secrets);
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
