import type { ApiResponse } from './http';
import type { LoggedRequest, Violation } from './types';

/**
 * Strict mode: every request is held against the API references, and whatever they do not allow
 * is recorded as a violation, whether or not the API would have taken it. Beyond what the
 * sandbox's own validation refuses (each refusal is a violation here), strict mode refuses what a
 * mail API could misread: control characters in a single-line field (header injection), a send
 * time before 2000 or in the past, fields and query parameters the reference does not list, and a
 * body on a request that has none.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is its purpose
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** How far in the past a send time may lie (clocks differ), as the nodes allow. */
const SEND_AT_GRACE_MS = 5 * 60_000;
const EARLIEST_SEND_AT = Date.parse('2000-01-01T00:00:00Z');

/** A route of the references: its method, its path shape, and what it may carry. */
interface RouteRule {
	method: string;
	path: RegExp;
	query?: string[];
	body?: string[];
}

const SEG = '[^/]+';
const AGENTRY = '/human/v0/inboxes';
const HYPERREP = `/api/v2/organizations/${SEG}/message-drafts`;
const DRAFT_FIELDS = ['bcc', 'cc', 'html', 'reply_to', 'send_at', 'subject', 'text', 'to'];
const ATTACHMENT_FIELDS = ['content', 'content_disposition', 'content_id', 'content_type', 'filename', 'url'];
const route = (method: string, path: string, more: Omit<RouteRule, 'method' | 'path'> = {}): RouteRule => ({
	method,
	path: new RegExp(`^${path}$`),
	...more,
});

const ROUTES: RouteRule[] = [
	route('GET', AGENTRY, { query: ['limit', 'page_token'] }),
	route('GET', `${AGENTRY}/${SEG}/drafts`, { query: ['limit', 'page_token'] }),
	route('POST', `${AGENTRY}/${SEG}/drafts`, { body: [...DRAFT_FIELDS, 'attachments', 'client_id', 'in_reply_to', 'labels'] }),
	route('GET', `${AGENTRY}/${SEG}/drafts/${SEG}`),
	route('PATCH', `${AGENTRY}/${SEG}/drafts/${SEG}`, { body: DRAFT_FIELDS }),
	route('DELETE', `${AGENTRY}/${SEG}/drafts/${SEG}`),
	route('POST', `${AGENTRY}/${SEG}/drafts/${SEG}/send`),
	route('POST', `${AGENTRY}/${SEG}/drafts/${SEG}/attachments`, { body: ATTACHMENT_FIELDS }),
	route('GET', `${AGENTRY}/${SEG}/drafts/${SEG}/attachments/${SEG}`),
	route('DELETE', `${AGENTRY}/${SEG}/drafts/${SEG}/attachments/${SEG}`),
	route('GET', HYPERREP, { query: ['limit', 'cursor', 'start_date', 'end_date'] }),
	route('POST', HYPERREP, {
		body: ['add_notification', 'autosend_draft', 'bcc_emails', 'body_html', 'cc_emails', 'folder', 'modality', 'subject', 'to_email', 'to_phone_number', 'to_user_name'],
	}),
	route('GET', `${HYPERREP}/${SEG}`),
	route('DELETE', `${HYPERREP}/${SEG}`),
];


/** Fields that end up in a mail header or a URL: one line each. */
const SINGLE_LINE = new Set([
	'bcc', 'bcc_emails', 'cc', 'cc_emails', 'client_id', 'content_disposition', 'content_id', 'content_type', 'filename',
	'folder', 'in_reply_to', 'labels', 'modality', 'reply_to', 'send_at', 'subject', 'to', 'to_email', 'to_phone_number',
	'to_user_name', 'url',
]);

/** What the reference does not allow in a request, before the API answers it. */
export function requestViolations(entry: LoggedRequest, nowMs: number): string[] {
	const rule = ROUTES.find((candidate) => candidate.method === entry.method && candidate.path.test(entry.path));
	if (!rule) return [`no route of the references is ${entry.method} ${entry.path}`];
	const reasons: string[] = [];
	for (const key of Object.keys(entry.query)) {
		if (!rule.query?.includes(key)) reasons.push(`query parameter "${key}" is not in the reference`);
	}
	if (entry.body === undefined) return reasons;
	if (!rule.body) return [...reasons, 'a body on a request that has none'];
	if (typeof entry.body !== 'object' || entry.body === null || Array.isArray(entry.body)) return [...reasons, 'the body is not a JSON object'];
	const body = entry.body as Record<string, unknown>;
	reasons.push(...fieldViolations(body, rule.body, ''));
	if (Array.isArray(body.attachments)) {
		body.attachments.forEach((attachment, index) => {
			const fields = typeof attachment === 'object' && attachment !== null ? (attachment as Record<string, unknown>) : {};
			reasons.push(...fieldViolations(fields, ATTACHMENT_FIELDS, `attachments[${index}].`));
		});
	}
	if (typeof body.send_at === 'string') reasons.push(...sendAtViolations(body.send_at, nowMs));
	return reasons;
}

function fieldViolations(body: Record<string, unknown>, allowed: string[], prefix: string): string[] {
	const reasons: string[] = [];
	for (const [key, value] of Object.entries(body)) {
		if (!allowed.includes(key)) reasons.push(`field "${prefix}${key}" is not in the reference`);
		else if (SINGLE_LINE.has(key)) {
			const lines = Array.isArray(value) ? value : [value];
			if (lines.some((line) => typeof line === 'string' && CONTROL.test(line))) {
				reasons.push(`field "${prefix}${key}" has a control character in a single line`);
			}
		}
	}
	return reasons;
}

function sendAtViolations(sendAt: string, nowMs: number): string[] {
	const at = Date.parse(sendAt);
	if (Number.isNaN(at)) return [];
	if (at < EARLIEST_SEND_AT) return [`send_at ${sendAt} is before 2000`];
	if (at < nowMs - SEND_AT_GRACE_MS) return [`send_at ${sendAt} is in the past`];
	return [];
}

/** Answers that say the request itself was wrong: validation failures, unknown routes and methods, too large. */
export function responseViolation(response: ApiResponse): string | undefined {
	const body = (response.json ?? {}) as { name?: string; code?: string; message?: string; detail?: unknown };
	const refused =
		response.status === 422 ||
		response.status === 405 ||
		response.status === 413 ||
		(response.status === 400 && body.name === 'ValidationError') ||
		(response.status === 404 && (body.code === 'route_not_found' || body.detail === 'Not Found'));
	if (!refused) return undefined;
	return `the API refused it: ${response.status} ${JSON.stringify(response.json).slice(0, 300)}`;
}

export function violationsOf(entry: LoggedRequest, reasons: string[]): Violation[] {
	return reasons.map((reason) => ({ method: entry.method, path: entry.path, reason }));
}
