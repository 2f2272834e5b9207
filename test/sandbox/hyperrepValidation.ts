import { decodeCursor } from './cursor';
import type { SortKey } from './sortedIndex';
import {
	isEmail,
	isPhoneNumber,
	isPlainObject,
	parseDateOrDateTime,
	parseIntParam,
} from './validation';

/**
 * HyperRep request validation. HyperRep is a FastAPI service, so 422 bodies use pydantic's shape:
 * `{"detail": [{"type", "loc", "msg", "input"}]}`.
 */

export interface PydanticError {
	type: string;
	loc: Array<string | number>;
	msg: string;
	input?: unknown;
}

export interface CreateFields {
	modality: 'email' | 'text';
	subject: string | null;
	body_html: string | null;
	to_user_name: string | null;
	to_email: string | null;
	to_phone_number: string | null;
	cc_emails: string[];
	bcc_emails: string[];
	autosend_draft: boolean;
	add_notification: boolean;
	folder: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: PydanticError[] };

/** `Sales Follow-up` -> `sales-follow-up`; empty or missing -> `drafts`. */
export function normalizeFolder(raw: string | null | undefined): string {
	const folder = (raw ?? '')
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return folder === '' ? 'drafts' : folder;
}

function optionalString(
	body: Record<string, unknown>,
	key: string,
	errors: PydanticError[],
): string | null {
	const value = body[key];
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') {
		errors.push({ type: 'string_type', loc: ['body', key], msg: 'Input should be a valid string', input: value });
		return null;
	}
	return value;
}

function optionalBool(body: Record<string, unknown>, key: string, errors: PydanticError[]): boolean {
	const value = body[key];
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean') {
		errors.push({ type: 'bool_type', loc: ['body', key], msg: 'Input should be a valid boolean', input: value });
		return false;
	}
	return value;
}

function emailList(body: Record<string, unknown>, key: string, errors: PydanticError[]): string[] {
	const value = body[key];
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		errors.push({ type: 'list_type', loc: ['body', key], msg: 'Input should be a valid list', input: value });
		return [];
	}
	value.forEach((item: unknown, i) => {
		if (typeof item !== 'string' || !isEmail(item)) {
			errors.push(invalidEmail(['body', key, i], item));
		}
	});
	return value.filter((item): item is string => typeof item === 'string');
}

function invalidEmail(loc: Array<string | number>, input: unknown): PydanticError {
	return {
		type: 'value_error',
		loc,
		msg: 'value is not a valid email address: The email address is not valid.',
		input,
	};
}

export function validateCreate(body: unknown, invalidJson: boolean): Validated<CreateFields> {
	if (invalidJson) {
		return { ok: false, errors: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {} }] };
	}
	if (body === undefined) {
		return { ok: false, errors: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] };
	}
	if (!isPlainObject(body)) {
		const msg = 'Input should be a valid dictionary or object to extract fields from';
		return { ok: false, errors: [{ type: 'model_attributes_type', loc: ['body'], msg, input: body }] };
	}
	const errors: PydanticError[] = [];
	const modality = body.modality;
	if (modality === undefined) {
		errors.push({ type: 'missing', loc: ['body', 'modality'], msg: 'Field required', input: body });
	} else if (modality !== 'email' && modality !== 'text') {
		errors.push({ type: 'enum', loc: ['body', 'modality'], msg: "Input should be 'email' or 'text'", input: modality });
	}
	const fields: CreateFields = {
		modality: modality === 'text' ? 'text' : 'email',
		subject: optionalString(body, 'subject', errors),
		body_html: optionalString(body, 'body_html', errors),
		to_user_name: optionalString(body, 'to_user_name', errors),
		to_email: optionalString(body, 'to_email', errors),
		to_phone_number: optionalString(body, 'to_phone_number', errors),
		cc_emails: emailList(body, 'cc_emails', errors),
		bcc_emails: emailList(body, 'bcc_emails', errors),
		autosend_draft: optionalBool(body, 'autosend_draft', errors),
		add_notification: optionalBool(body, 'add_notification', errors),
		folder: normalizeFolder(optionalString(body, 'folder', errors)),
	};
	if (fields.to_email !== null && !isEmail(fields.to_email)) {
		errors.push(invalidEmail(['body', 'to_email'], fields.to_email));
	}
	if (fields.to_phone_number !== null && !isPhoneNumber(fields.to_phone_number)) {
		const msg = 'value is not a valid phone number';
		errors.push({ type: 'value_error', loc: ['body', 'to_phone_number'], msg, input: fields.to_phone_number });
	}
	if (errors.length > 0) return { ok: false, errors };

	// Model-level rules run only once the fields themselves are valid, as pydantic's model validators do.
	if ((fields.subject ?? '').trim() === '' && (fields.body_html ?? '').trim() === '') {
		const msg = 'Value error, Provide at least one of subject or body_html';
		errors.push({ type: 'value_error', loc: ['body'], msg, input: body });
	}
	if (fields.autosend_draft && fields.add_notification) {
		const msg =
			'Value error, autosend_draft and add_notification are mutually exclusive; set add_notification=false when autosend_draft=true';
		errors.push({ type: 'value_error', loc: ['body'], msg, input: body });
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true, value: fields };
}

export interface ListQuery {
	limit: number;
	cursor: string | null;
	after?: SortKey;
	fromT?: number;
	toT?: number;
}

export const HYPERREP_DEFAULT_LIMIT = 25;
export const HYPERREP_MAX_LIMIT = 100;

export function validateListQuery(query: Record<string, string>): Validated<ListQuery> {
	const errors: PydanticError[] = [];
	const result: ListQuery = { limit: HYPERREP_DEFAULT_LIMIT, cursor: null };
	if (query.limit !== undefined) {
		const limit = parseIntParam(query.limit);
		const loc = ['query', 'limit'];
		if (limit === undefined) {
			const msg = 'Input should be a valid integer, unable to parse string as an integer';
			errors.push({ type: 'int_parsing', loc, msg, input: query.limit });
		} else if (limit < 1) {
			errors.push({ type: 'greater_than_equal', loc, msg: 'Input should be greater than or equal to 1', input: query.limit });
		} else if (limit > HYPERREP_MAX_LIMIT) {
			const msg = `Input should be less than or equal to ${HYPERREP_MAX_LIMIT}`;
			errors.push({ type: 'less_than_equal', loc, msg, input: query.limit });
		} else {
			result.limit = limit;
		}
	}
	if (query.cursor !== undefined) {
		result.cursor = query.cursor;
		result.after = decodeCursor(query.cursor);
		if (!result.after) {
			errors.push({ type: 'value_error', loc: ['query', 'cursor'], msg: 'Value error, Invalid cursor', input: query.cursor });
		}
	}
	for (const key of ['start_date', 'end_date'] as const) {
		const raw = query[key];
		if (raw === undefined) continue;
		const range = parseDateOrDateTime(raw);
		if (!range) {
			const msg = 'Input should be a valid datetime or date';
			errors.push({ type: 'datetime_from_date_parsing', loc: ['query', key], msg, input: raw });
		} else if (key === 'start_date') {
			result.fromT = range.from;
		} else {
			result.toT = range.to;
		}
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true, value: result };
}
