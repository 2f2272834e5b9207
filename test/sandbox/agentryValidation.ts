import { decodeCursor } from './cursor';
import { json, type ApiResponse } from './http';
import type { DraftFields, DraftPatch } from './agentryState';
import type { SortKey } from './sortedIndex';
import type { AgentryAttachmentInput } from './types';
import { decodeBase64, isAddress, isPlainObject, isStringArray, parseDateTime, parseIntParam } from './validation';

/** Agentry request validation. Every error is `{name, code, message, fix?}`; validation errors are 400. */

export function agentryError(
	status: number,
	name: string,
	code: string,
	message: string,
	fix?: string,
	headers?: Record<string, string>,
): ApiResponse {
	return json(status, fix === undefined ? { name, code, message } : { name, code, message, fix }, headers);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; response: ApiResponse };

function invalid(code: string, message: string, fix?: string): { ok: false; response: ApiResponse } {
	return { ok: false, response: agentryError(400, 'ValidationError', code, message, fix) };
}

/** A field-level failure: `{message: "Request validation failed", errors: [{path, message}]}`. */
function invalidField(code: string, path: string, problem: string, fix?: string): { ok: false; response: ApiResponse } {
	const body = { name: 'ValidationError', code, message: 'Request validation failed', errors: [{ path, message: problem }] };
	return { ok: false, response: json(400, fix === undefined ? body : { ...body, fix }) };
}

const ADDRESS_FIX = 'Use user@domain.com or Display Name <user@domain.com>';
const ADDRESS_FIELDS = ['to', 'cc', 'bcc', 'reply_to'] as const;
const STRING_FIELDS = ['subject', 'text', 'html'] as const;

/** JSON object body; a missing body counts as `{}` (n8n drops empty objects before sending). */
function objectBody(body: unknown, invalidJson: boolean): Checked<Record<string, unknown>> {
	if (invalidJson) return invalid('invalid_json', 'Request body is not valid JSON', 'Send a JSON object');
	if (body === undefined) return { ok: true, value: {} };
	if (!isPlainObject(body)) return invalid('invalid_body', 'Request body must be a JSON object');
	return { ok: true, value: body };
}

function addressList(field: string, value: unknown): Checked<string[]> {
	if (!isStringArray(value)) return invalidField('invalid_parameter', field, 'Expected an array of strings');
	const bad = value.findIndex((v) => !isAddress(v));
	if (bad !== -1) return invalidField('invalid_address', `${field}[${bad}]`, `Invalid address "${value[bad]}"`, ADDRESS_FIX);
	return { ok: true, value };
}

function sendAt(value: unknown): Checked<string> {
	if (typeof value !== 'string' || parseDateTime(value) === undefined) {
		return invalidField(
			'invalid_send_at',
			'send_at',
			'Expected an ISO 8601 date-time with a timezone offset',
			'Use a value like 2026-01-01T09:00:00Z',
		);
	}
	return { ok: true, value };
}

/**
 * Shared by create and update: address lists, bodies, subject, send_at, each of the documented
 * type. `null` is none of them: the reference has no way to unset a field, so it is refused.
 */
function draftFields(body: Record<string, unknown>): Checked<DraftPatch> {
	const patch: DraftPatch = {};
	for (const field of ADDRESS_FIELDS) {
		const value = body[field];
		if (value === undefined) continue;
		const checked = addressList(field, value);
		if (!checked.ok) return checked;
		patch[field] = checked.value;
	}
	for (const field of STRING_FIELDS) {
		const value = body[field];
		if (value === undefined) continue;
		if (typeof value !== 'string') return invalidField('invalid_parameter', field, 'Expected a string');
		patch[field] = value;
	}
	if (body.send_at !== undefined) {
		const checked = sendAt(body.send_at);
		if (!checked.ok) return checked;
		patch.send_at = checked.value;
	}
	return { ok: true, value: patch };
}

export function validateAttachment(value: unknown, where = 'attachment'): Checked<AgentryAttachmentInput> {
	if (!isPlainObject(value)) return invalid('invalid_attachment', `${where} must be an object`);
	const input: AgentryAttachmentInput = {};
	for (const key of ['content_id', 'content_type', 'filename'] as const) {
		const v = value[key];
		if (v === undefined || v === null) continue;
		if (typeof v !== 'string') return invalid('invalid_parameter', `${where}.${key} must be a string`);
		input[key] = v;
	}
	const disposition = value.content_disposition;
	if (disposition !== undefined && disposition !== null) {
		if (disposition !== 'inline' && disposition !== 'attachment') {
			return invalid('invalid_parameter', `${where}.content_disposition must be 'inline' or 'attachment'`);
		}
		input.content_disposition = disposition;
	}
	const { content, url } = value;
	if ((content === undefined || content === null) && (url === undefined || url === null)) {
		return invalid('invalid_attachment', `${where} needs content or url`, 'Send base64 content or a url');
	}
	if (content !== undefined && content !== null) {
		const bytes = typeof content === 'string' ? decodeBase64(content) : undefined;
		if (!bytes) return invalid('invalid_attachment_content', `${where}.content is not valid base64`, 'Base64-encode the file bytes');
		input.content = bytes;
	}
	if (url !== undefined && url !== null) {
		if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(url)) {
			return invalid('invalid_attachment_url', `${where}.url must be an http(s) URL`);
		}
		input.url = url;
	}
	return { ok: true, value: input };
}

export interface CreateInput {
	fields: Partial<DraftFields>;
	attachments: AgentryAttachmentInput[];
}

export function validateCreate(body: unknown, invalidJson: boolean): Checked<CreateInput> {
	const obj = objectBody(body, invalidJson);
	if (!obj.ok) return obj;
	const b = obj.value;
	const checked = draftFields(b);
	if (!checked.ok) return checked;
	const fields: Partial<DraftFields> = {};
	for (const [key, value] of Object.entries(checked.value)) {
		if (value !== null) (fields as Record<string, unknown>)[key] = value;
	}
	for (const key of ['client_id', 'in_reply_to'] as const) {
		const v = b[key];
		if (v === undefined || v === null) continue;
		if (typeof v !== 'string') return invalid('invalid_parameter', `'${key}' must be a string`);
		fields[key] = v;
	}
	if (b.labels !== undefined && b.labels !== null) {
		if (!isStringArray(b.labels)) return invalid('invalid_parameter', "'labels' must be an array of strings");
		fields.labels = b.labels;
	}
	const attachments: AgentryAttachmentInput[] = [];
	if (b.attachments !== undefined && b.attachments !== null) {
		if (!Array.isArray(b.attachments)) return invalid('invalid_parameter', "'attachments' must be an array");
		for (let i = 0; i < b.attachments.length; i++) {
			const a = validateAttachment(b.attachments[i], `attachments[${i}]`);
			if (!a.ok) return a;
			attachments.push(a.value);
		}
	}
	return { ok: true, value: { fields, attachments } };
}

/** Only the documented PATCH fields are read; anything else is ignored. */
export function validatePatch(body: unknown, invalidJson: boolean): Checked<DraftPatch> {
	const obj = objectBody(body, invalidJson);
	return obj.ok ? draftFields(obj.value) : obj;
}

export function validateAttachmentBody(body: unknown, invalidJson: boolean): Checked<AgentryAttachmentInput> {
	const obj = objectBody(body, invalidJson);
	return obj.ok ? validateAttachment(obj.value) : obj;
}

export const AGENTRY_DEFAULT_LIMIT = 20;
export const AGENTRY_MAX_LIMIT = 100;

export function validatePageQuery(query: Record<string, string>): Checked<{ limit: number; after?: SortKey }> {
	let limit = AGENTRY_DEFAULT_LIMIT;
	if (query.limit !== undefined) {
		const parsed = parseIntParam(query.limit);
		if (parsed === undefined || parsed < 1 || parsed > AGENTRY_MAX_LIMIT) {
			return invalid(
				'invalid_limit',
				`'limit' must be an integer between 1 and ${AGENTRY_MAX_LIMIT}`,
				`Use a limit of at most ${AGENTRY_MAX_LIMIT} and follow next_page_token`,
			);
		}
		limit = parsed;
	}
	let after: SortKey | undefined;
	if (query.page_token !== undefined) {
		after = decodeCursor(query.page_token);
		if (!after) return invalid('invalid_page_token', "'page_token' is invalid", 'Pass next_page_token exactly as returned');
	}
	return { ok: true, value: { limit, after } };
}
