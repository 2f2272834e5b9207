import type { IDataObject } from 'n8n-workflow';

import type { Page } from '../shared/pagination';
import type { ApiClient, ApiDefinition, ApiFailure, Shape } from '../shared/transport';
import { pathOf } from '../shared/transport';
import { agentryFields } from './descriptions/fields';

/** The largest page the inbox and draft lists accept. */
export const MAX_PAGE_SIZE = 100;

export interface Inbox extends IDataObject {
	inbox_id: string;
	email: string;
	display_name: string;
}

export interface AttachmentMetadata extends IDataObject {
	attachment_id: string;
	size: number;
}

export interface AttachmentDownload extends AttachmentMetadata {
	download_url: string;
	expires_at: string;
}

export interface Draft extends IDataObject {
	draft_id: string;
	inbox_id: string;
	labels?: string[];
	to?: string[];
	attachments?: AttachmentMetadata[];
}

export interface SendResult extends IDataObject {
	draft_only: boolean;
	inbox_id: string;
	status: string;
}

export const agentryApi: ApiDefinition = {
	name: 'Agentry',
	credentialType: 'agentryApi',
	secretFields: ['accessToken'],
	rootPath: '/human/v0',
	fieldLabels: agentryFields.fieldLabels(),
	explainError,
};

/**
 * Agentry errors are `{name, code, message, fix?}`: its message is shown as is, its fix as the
 * description. A 404 names what was missing, read from the `code` and the request's own path.
 */
function explainError({ status, details, request }: ApiFailure) {
	const said = [details.message, details.hint].filter(Boolean).join(' — ') || undefined;
	if (status === 404) {
		const ids = idsInPath(request.path);
		const message = missingResource(details.code, ids) ?? request.notFound;
		return message ? { message, description: said } : undefined;
	}
	if (status === 409 && details.code === 'draft_sending') {
		return { message: 'The draft is being sent and can no longer be changed', description: said };
	}
	// Credentials and rate limits read better in the shared wording.
	if ([401, 403, 429, 503].includes(status) || !details.message) return undefined;
	return { message: `${details.message} (HTTP ${status})`, description: details.hint };
}

function missingResource(code: string | undefined, { inboxId, draftId, attachmentId }: PathIds) {
	if (code === 'inbox_not_found' && inboxId) return inboxNotFound(inboxId);
	if (code === 'draft_not_found' && inboxId && draftId) return draftNotFound(inboxId, draftId);
	if (code === 'attachment_not_found' && inboxId && draftId && attachmentId) {
		return attachmentNotFound(inboxId, draftId, attachmentId);
	}
	return undefined;
}

export function inboxNotFound(inboxId: string): string {
	return `Inbox "${inboxId}" was not found`;
}

export function draftNotFound(inboxId: string, draftId: string): string {
	return `Draft "${draftId}" was not found in inbox "${inboxId}"`;
}

export function attachmentNotFound(inboxId: string, draftId: string, attachmentId: string): string {
	return `Attachment "${attachmentId}" was not found on draft "${draftId}" in inbox "${inboxId}"`;
}

interface PathIds {
	inboxId?: string;
	draftId?: string;
	attachmentId?: string;
}

/** The IDs in a path built by the builders below (each segment was encoded by `pathOf`). */
function idsInPath(path: string): PathIds {
	const match = /\/inboxes\/([^/]+)(?:\/drafts\/([^/]+)(?:\/attachments\/([^/]+))?)?/.exec(path);
	const decode = (segment?: string) => (segment === undefined ? undefined : decodeURIComponent(segment));
	return { inboxId: decode(match?.[1]), draftId: decode(match?.[2]), attachmentId: decode(match?.[3]) };
}

const inboxesPath = '/human/v0/inboxes';

export function draftsPath(inboxId: string): string {
	return pathOf`/human/v0/inboxes/${inboxId}/drafts`;
}

export function draftPath(inboxId: string, draftId: string): string {
	return pathOf`/human/v0/inboxes/${inboxId}/drafts/${draftId}`;
}

export function attachmentsPath(inboxId: string, draftId: string): string {
	return `${draftPath(inboxId, draftId)}/attachments`;
}

export function attachmentPath(inboxId: string, draftId: string, attachmentId: string): string {
	return `${attachmentsPath(inboxId, draftId)}${pathOf`/${attachmentId}`}`;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInbox(value: unknown): value is Inbox {
	return isObject(value) && typeof value.inbox_id === 'string';
}

function isDraft(value: unknown): value is Draft {
	return isObject(value) && typeof value.draft_id === 'string';
}

function isAttachment(value: unknown): value is AttachmentMetadata {
	return isObject(value) && typeof value.attachment_id === 'string';
}

export const draftShape: Shape<Draft> = { what: 'a draft with a draft_id', isValid: isDraft };

export const attachmentShape: Shape<AttachmentMetadata> = {
	what: 'the attachment with an attachment_id',
	isValid: isAttachment,
};

export const attachmentDownloadShape: Shape<AttachmentDownload> = {
	what: 'an attachment with a download_url',
	isValid: (value): value is AttachmentDownload => isAttachment(value) && typeof value.download_url === 'string',
};

export const sendResultShape: Shape<SendResult> = {
	what: 'the send result with draft_only and status',
	isValid: (value): value is SendResult =>
		isObject(value) && typeof value.draft_only === 'boolean' && typeof value.status === 'string',
};

interface ListPage extends IDataObject {
	next_page_token?: string;
}

/** A `{count, limit, next_page_token, <key>: [...]}` page whose items pass `isItem`. */
function pageShape(key: string, what: string, isItem: (value: unknown) => boolean): Shape<ListPage> {
	return {
		what,
		isValid: (value): value is ListPage =>
			isObject(value) && Array.isArray(value[key]) && (value[key] as unknown[]).every(isItem),
	};
}

const inboxPageShape = pageShape('inboxes', 'a list of inboxes', isInbox);
const draftPageShape = pageShape('drafts', 'a list of drafts', isDraft);

function nextToken(page: ListPage): string | undefined {
	return typeof page.next_page_token === 'string' && page.next_page_token !== '' ? page.next_page_token : undefined;
}

/** One page of the account's inboxes. */
export async function fetchInboxPage(
	client: ApiClient,
	token: string | undefined,
	limit: number,
): Promise<Page<Inbox>> {
	const page = await client.request(
		{ method: 'GET', path: inboxesPath, qs: { limit, page_token: token } },
		inboxPageShape,
	);
	return { items: page.inboxes as Inbox[], next: nextToken(page) };
}

/** One page of an inbox's drafts, most recently updated first. */
export async function fetchDraftPage(
	client: ApiClient,
	inboxId: string,
	token: string | undefined,
	limit: number,
	itemIndex?: number,
): Promise<Page<Draft>> {
	const page = await client.request(
		{
			method: 'GET',
			path: draftsPath(inboxId),
			qs: { limit, page_token: token },
			notFound: inboxNotFound(inboxId),
			itemIndex,
		},
		draftPageShape,
	);
	return { items: page.drafts as Draft[], next: nextToken(page) };
}
