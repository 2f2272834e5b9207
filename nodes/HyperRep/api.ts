import type { IDataObject } from 'n8n-workflow';

import type { ApiClient, ApiDefinition, ApiFailure, Refusal, Shape } from '../shared/transport';
import { pathOf } from '../shared/transport';
import type { Page } from '../shared/pagination';
import { hyperRepFields } from './descriptions/fields';

/** The largest page the message-drafts list accepts. */
export const MAX_PAGE_SIZE = 100;

export interface MessageDraft extends IDataObject {
	draft_id: string;
	folder: string;
}

export interface CreatedDraft extends IDataObject {
	draft_id: string;
	scheduled_to_send: boolean;
	scheduled_send_at: string | null;
	folder: string;
}

interface DraftPage {
	data: MessageDraft[];
	pagination: { next_cursor?: string | null; has_more?: boolean };
}

export const hyperRepApi: ApiDefinition = {
	name: 'HyperRep',
	credentialType: 'hyperRepApi',
	secretFields: ['apiKey'],
	rootPath: '/api/v2',
	fieldLabels: hyperRepFields.fieldLabels(),
	explainError,
};

/** HyperRep's 404 for a draft that was sent and promoted into a conversation. */
const PROMOTED = /conversation/i;
/** HyperRep's 404 for an ID that belongs to a response draft. */
const RESPONSE_DRAFT = /response[ -_]?draft/i;

/**
 * A 404 that says no more than "not found": what a delete whose answer was lost leaves. The
 * reference's other 404s say the draft was sent (promoted) or is a response draft.
 */
export function isPlainNotFound({ status, message }: Refusal): boolean {
	return status === 404 && !PROMOTED.test(message ?? '') && !RESPONSE_DRAFT.test(message ?? '');
}

/** The documented failures, in words that say what happened and what to do. */
function explainError({ status, details, request }: ApiFailure) {
	const said = [details.message, details.hint].filter(Boolean).join(' ');
	const hint = details.hint ?? details.message;
	if (status === 404 && PROMOTED.test(said)) {
		return {
			message: 'The message draft was already sent and promoted into a conversation',
			description: `It is no longer a draft; look it up as a conversation instead. ${hint ?? ''}`.trim(),
		};
	}
	if (status === 404 && RESPONSE_DRAFT.test(said)) {
		return {
			message: 'This ID belongs to a response draft, not a message draft',
			description: `Use HyperRep's response drafts route for it. ${hint ?? ''}`.trim(),
		};
	}
	if (status === 400 && request.method === 'DELETE' && /send/i.test(said)) {
		return {
			message: 'The message draft is being sent and can no longer be deleted',
			description: details.message,
		};
	}
	const modality = /\b(email|text)\b/i.exec(said)?.[1]?.toLowerCase();
	if (status === 400 && /credential|channel|not configured/i.test(said) && modality) {
		return {
			message: `Your HyperRep organization has no ${modality} channel set up`,
			description: `Set up ${modality === 'email' ? 'an email' : 'a text messaging'} channel in HyperRep (its credentials for the ${modality} modality), then run this item again. HyperRep said: ${details.message ?? ''}`.trim(),
		};
	}
	return undefined;
}

export async function organizationPath(client: ApiClient, itemIndex?: number): Promise<string> {
	const organizationId = await client.credentialPathSegment('organizationId', 'Organization ID', itemIndex);
	return pathOf`/api/v2/organizations/${organizationId}/message-drafts`;
}

export async function draftPath(client: ApiClient, draftId: string, itemIndex?: number): Promise<string> {
	return `${await organizationPath(client, itemIndex)}${pathOf`/${draftId}`}`;
}

/** Both the created draft and a listed draft are objects with a draft_id. */
function hasDraftId<T extends { draft_id: string }>(value: unknown): value is T {
	return typeof value === 'object' && value !== null && typeof (value as T).draft_id === 'string';
}

export const draftShape: Shape<MessageDraft> = {
	what: 'a message draft with a draft_id',
	isValid: hasDraftId<MessageDraft>,
};

export const createdDraftShape: Shape<CreatedDraft> = {
	what: 'the created draft with a draft_id',
	isValid: hasDraftId<CreatedDraft>,
};

const draftPageShape: Shape<DraftPage> = {
	what: 'a list of message drafts with pagination',
	isValid: (value: unknown): value is DraftPage => {
		const page = value as DraftPage;
		return (
			typeof page === 'object' &&
			page !== null &&
			Array.isArray(page.data) &&
			page.data.every(draftShape.isValid) &&
			typeof page.pagination === 'object' &&
			page.pagination !== null
		);
	},
};

/** One page of the organization's drafts, newest first. */
export async function fetchDraftPage(
	client: ApiClient,
	cursor: string | undefined,
	limit: number,
	filters: IDataObject = {},
	itemIndex?: number,
): Promise<Page<MessageDraft>> {
	const page = await client.request(
		{ method: 'GET', path: await organizationPath(client, itemIndex), qs: { limit, cursor, ...filters }, itemIndex },
		draftPageShape,
	);
	const { has_more: more, next_cursor: next } = page.pagination;
	return { items: page.data, next: more === true ? next : undefined, more: more === true };
}
