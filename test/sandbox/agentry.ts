import type { DownloadSigner } from './downloads';
import { empty, json, type ApiResponse } from './http';
import type { AgentryDraftRecord, AgentryState, InboxRecord } from './agentryState';
import {
	agentryError,
	validateAttachmentBody,
	validateCreate,
	validatePageQuery,
	validatePatch,
} from './agentryValidation';
import { header, route, type Handler, type RequestContext, type Route } from './router';
import type { Paging } from './paging';
import type { SortedIndex, SortKey } from './sortedIndex';

/** Agentry routes under /human/v0. Errors are always `{name, code, message, fix?}`. */

export const AGENTRY_PREFIX = '/human/';

type InboxHandler = (ctx: RequestContext, inbox: InboxRecord) => ApiResponse;
type DraftHandler = (ctx: RequestContext, draft: AgentryDraftRecord) => ApiResponse;

function bearer(ctx: RequestContext): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header(ctx.headers, 'authorization') ?? '');
	return match?.[1];
}

function conflict(draftId: string): ApiResponse {
	return agentryError(
		409,
		'ConflictError',
		'draft_sending',
		`Draft ${draftId} is currently sending and can no longer be changed`,
		'Wait until sending finishes, then fetch the draft again',
	);
}

/** Keyset page over a newest-first index, in Agentry's `{count, limit, next_page_token?, <items>}` shape. */
function pageOf<T extends SortKey>(
	index: SortedIndex<T>,
	query: Record<string, string>,
	itemsKey: string,
	render: (item: T) => unknown,
	paging: Paging,
): ApiResponse {
	const checked = validatePageQuery(query);
	if (!checked.ok) return checked.response;
	const { limit, after } = checked.value;
	const page = index.page({ after: paging.after(after), limit });
	const body: Record<string, unknown> = { count: page.items.length, limit };
	const next = paging.next(page.items, page.hasMore);
	if (next) body.next_page_token = next;
	body[itemsKey] = page.items.map(render);
	return json(200, body);
}

export function agentryRoutes(
	state: AgentryState,
	signer: DownloadSigner,
	downloadBase: () => string,
	paging: Paging,
): Route[] {
	const authorized = (handler: Handler): Handler => (ctx) => {
		const token = bearer(ctx);
		if (token === undefined || !state.hasToken(token)) {
			return agentryError(
				401,
				'UnauthorizedError',
				'unauthorized',
				'Missing or invalid API token',
				'Send the header Authorization: Bearer <token> with a valid Agentry API token',
			);
		}
		return handler(ctx);
	};
	const withInbox = (handler: InboxHandler): Handler =>
		authorized((ctx) => {
			const inbox = state.inbox(ctx.params.inbox_id);
			if (!inbox) return agentryError(404, 'NotFoundError', 'inbox_not_found', `Inbox ${ctx.params.inbox_id} not found`);
			return handler(ctx, inbox);
		});
	/** `mutates`: a draft that is currently sending answers 409. */
	const withDraft = (handler: DraftHandler, mutates: boolean): Handler =>
		withInbox((ctx, inbox) => {
			const draft = state.draftIn(inbox, ctx.params.draft_id);
			if (!draft) return agentryError(404, 'NotFoundError', 'draft_not_found', `Draft ${ctx.params.draft_id} not found`);
			if (mutates && draft.draft.send_status === 'sending') return conflict(draft.id);
			return handler(ctx, draft);
		});
	const withAttachment = (handler: (ctx: RequestContext, draft: AgentryDraftRecord, id: string) => ApiResponse, mutates: boolean) =>
		withDraft((ctx, draft) => {
			const id = ctx.params.attachment_id;
			if (!draft.attachments.has(id)) {
				return agentryError(404, 'NotFoundError', 'attachment_not_found', `Attachment ${id} not found`);
			}
			return handler(ctx, draft, id);
		}, mutates);

	const listInboxes = authorized((ctx) =>
		pageOf(state.inboxIndex(), ctx.query, 'inboxes', (r) => ({ ...r.inbox }), paging),
	);
	const getInbox = withInbox((_ctx, inbox) => json(200, inbox.inbox));
	const listDrafts = withInbox((ctx, inbox) =>
		pageOf(inbox.order, ctx.query, 'drafts', (r) => state.renderListItem(r), paging),
	);
	const createDraft = withInbox((ctx, inbox) => {
		const checked = validateCreate(ctx.body, ctx.invalidJson);
		if (!checked.ok) return checked.response;
		const { fields, attachments } = checked.value;
		// Idempotent retry: same client_id in the same inbox returns the existing draft.
		const existing = fields.client_id === undefined ? undefined : state.draftByClientId(inbox, fields.client_id);
		if (existing) return json(200, state.render(existing));
		return json(201, state.render(state.createDraft(inbox, fields, attachments)));
	});
	const getDraft = withDraft((_ctx, draft) => json(200, state.render(draft)), false);
	const updateDraft = withDraft((ctx, draft) => {
		const checked = validatePatch(ctx.body, ctx.invalidJson);
		if (!checked.ok) return checked.response;
		state.updateDraft(draft, checked.value);
		return json(200, state.render(draft));
	}, true);
	const deleteDraft = withDraft((_ctx, draft) => {
		state.deleteDraft(draft);
		return empty(200);
	}, true);
	const sendDraft = withDraft((_ctx, draft) => {
		const inboxId = draft.inbox.inbox.inbox_id;
		state.sendCount++;
		if (draft.inbox.draftOnly) return json(200, { draft_only: true, inbox_id: inboxId, status: 'draft_created' });
		state.deleteDraft(draft);
		return json(200, { draft_only: false, inbox_id: inboxId, status: 'sent' });
	}, true);
	const addAttachment = withDraft((ctx, draft) => {
		const checked = validateAttachmentBody(ctx.body, ctx.invalidJson);
		if (!checked.ok) return checked.response;
		return json(200, state.attach(draft, checked.value));
	}, true);
	const getAttachment = withAttachment((_ctx, draft, id) => {
		const stored = draft.attachments.get(id);
		const expiresAt = Date.now() + state.downloadTtlMs;
		return json(200, {
			...stored?.meta,
			download_url: `${downloadBase()}/downloads/${signer.sign(id, expiresAt)}`,
			expires_at: new Date(expiresAt).toISOString(),
		});
	}, false);
	const deleteAttachment = withAttachment((_ctx, draft, id) => {
		state.detach(draft, id);
		return empty(204);
	}, true);

	const inboxes = '/human/v0/inboxes';
	const draft = `${inboxes}/:inbox_id/drafts/:draft_id`;
	return [
		route(inboxes, { GET: listInboxes }),
		route(`${inboxes}/:inbox_id`, { GET: getInbox }),
		route(`${inboxes}/:inbox_id/drafts`, { GET: listDrafts, POST: createDraft }),
		route(draft, { GET: getDraft, PATCH: updateDraft, DELETE: deleteDraft }),
		route(`${draft}/send`, { POST: sendDraft }),
		route(`${draft}/attachments`, { POST: addAttachment }),
		route(`${draft}/attachments/:attachment_id`, { GET: getAttachment, DELETE: deleteAttachment }),
	];
}

export function agentryNotFound(path: string): ApiResponse {
	return agentryError(404, 'NotFoundError', 'route_not_found', `No route for ${path}`);
}

export function agentryMethodNotAllowed(method: string, allowed: string[]): ApiResponse {
	return agentryError(
		405,
		'MethodNotAllowedError',
		'method_not_allowed',
		`Method ${method} is not allowed here`,
		`Use one of: ${allowed.join(', ')}`,
		{ Allow: allowed.join(', ') },
	);
}
