import { empty, json, type ApiResponse } from './http';
import type { Paging } from './paging';
import type { DraftLookup, HyperRepState, OrgRecord } from './hyperrepState';
import { validateCreate, validateListQuery, type PydanticError } from './hyperrepValidation';
import { header, route, type RequestContext, type Route } from './router';

/** HyperRep message-draft routes. Error bodies are FastAPI's `{"detail": ...}`. */

export const HYPERREP_PREFIX = '/api/';

export function hyperrepError(status: number, detail: unknown, headers?: Record<string, string>): ApiResponse {
	return json(status, { detail }, headers);
}

function validationError(errors: PydanticError[]): ApiResponse {
	return json(422, { detail: errors });
}

type OrgHandler = (ctx: RequestContext, org: OrgRecord) => ApiResponse;

/** X-API-KEY identifies exactly one organization; any other organization in the path is 403. */
function authorized(state: HyperRepState, handler: OrgHandler) {
	return (ctx: RequestContext): ApiResponse => {
		const key = header(ctx.headers, 'x-api-key');
		const keyOrg = key === undefined ? undefined : state.orgIdForKey(key);
		if (keyOrg === undefined) return hyperrepError(401, 'Invalid or missing API key');
		const org = state.org(ctx.params.organization_id);
		if (keyOrg !== ctx.params.organization_id || !org) {
			return hyperrepError(403, `API key is not authorized for organization '${ctx.params.organization_id}'`);
		}
		return handler(ctx, org);
	};
}

/** 404s for ids that are not (or no longer) message drafts; the hint names the route to use instead. */
function lookupError(org: OrgRecord, draftId: string, found: Exclude<DraftLookup, { kind: 'draft' }>): ApiResponse {
	const base = `/api/v2/organizations/${encodeURIComponent(org.organizationId)}`;
	if (found.kind === 'promoted') {
		return hyperrepError(404, {
			message: `Message draft ${draftId} was sent and promoted into a conversation`,
			hint: 'Use the conversation route to continue this workflow',
			route: `${base}/conversations/${encodeURIComponent(found.conversationId)}`,
			conversation_id: found.conversationId,
		});
	}
	if (found.kind === 'responseDraft') {
		return hyperrepError(404, {
			message: `ID ${draftId} belongs to a response draft, not a message draft`,
			hint: 'Use the response drafts route to fetch this draft',
			route: `${base}/response-drafts/${encodeURIComponent(draftId)}`,
		});
	}
	return hyperrepError(404, 'Message draft not found');
}

function create(state: HyperRepState): OrgHandler {
	return (ctx, org) => {
		const checked = validateCreate(ctx.body, ctx.invalidJson);
		if (!checked.ok) return validationError(checked.errors);
		const f = checked.value;
		if (!org.channels[f.modality]) {
			return hyperrepError(400, `No credentials configured for modality '${f.modality}' in this organization`);
		}
		const draft = state.create(org, {
			subject: f.subject,
			body_html: f.body_html,
			modality: f.modality,
			recipient_name: f.to_user_name,
			recipient_email: f.to_email,
			recipient_phone_number: f.to_phone_number,
			cc_emails: f.cc_emails,
			bcc_emails: f.bcc_emails,
			folder: f.folder,
			// Queued drafts stay retrievable; scheduled_send_at records the queue time.
			scheduled_send_at: f.autosend_draft ? new Date().toISOString() : null,
		});
		return json(201, {
			draft_id: draft.draft_id,
			scheduled_to_send: draft.scheduled_send_at !== null,
			scheduled_send_at: draft.scheduled_send_at,
			folder: draft.folder,
		});
	};
}

function list(paging: Paging): OrgHandler {
	return (ctx, org) => {
		const checked = validateListQuery(ctx.query);
		if (!checked.ok) return validationError(checked.errors);
		const q = checked.value;
		const page = org.order.page({ after: paging.after(q.after), limit: q.limit, fromT: q.fromT, toT: q.toT });
		return json(200, {
			data: page.items.map((r) => r.draft),
			pagination: {
				limit: q.limit,
				cursor: q.cursor,
				next_cursor: paging.next(page.items, page.hasMore) ?? null,
				has_more: page.hasMore,
			},
		});
	};
}

function get(state: HyperRepState): OrgHandler {
	return (ctx, org) => {
		const found = state.lookup(org, ctx.params.draft_id);
		return found.kind === 'draft' ? json(200, found.record.draft) : lookupError(org, ctx.params.draft_id, found);
	};
}

function remove(state: HyperRepState): OrgHandler {
	return (ctx, org) => {
		const found = state.lookup(org, ctx.params.draft_id);
		if (found.kind !== 'draft') return lookupError(org, ctx.params.draft_id, found);
		if (found.record.sending) return hyperrepError(400, 'Draft is currently sending and can no longer be deleted');
		state.removeRecord(org, ctx.params.draft_id);
		return empty(204);
	};
}

export function hyperrepRoutes(state: HyperRepState, paging: Paging): Route[] {
	const base = '/api/v2/organizations/:organization_id/message-drafts';
	return [
		route(base, { GET: authorized(state, list(paging)), POST: authorized(state, create(state)) }),
		route(`${base}/:draft_id`, { GET: authorized(state, get(state)), DELETE: authorized(state, remove(state)) }),
	];
}

export function hyperrepNotFound(): ApiResponse {
	return hyperrepError(404, 'Not Found');
}

export function hyperrepMethodNotAllowed(allowed: string[]): ApiResponse {
	return hyperrepError(405, 'Method Not Allowed', { Allow: allowed.join(', ') });
}
