import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { containsFilter, searchPages, subjectLabel } from '../../shared/listSearch';
import { ApiClient } from '../../shared/transport';
import {
	agentryApi,
	type AttachmentMetadata,
	type Draft,
	draftNotFound,
	draftPath,
	draftShape,
	fetchDraftPage,
	fetchInboxPage,
	type Inbox,
	MAX_PAGE_SIZE,
} from '../api';
import { currentDraftId, currentInboxId } from './currentSelection';

/** The account's inboxes as "Display Name <email>", filtered by name, email or ID. */
export async function searchInboxes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = new ApiClient(this, agentryApi);
	return await searchPages({
		fetchPage: async (token, size) => await fetchInboxPage(client, token, size),
		pageSize: MAX_PAGE_SIZE,
		startToken: paginationToken,
		matches: (inbox: Inbox) => containsFilter(filter, [inbox.display_name, inbox.email, inbox.inbox_id]),
		toResult: (inbox) => ({
			name: inbox.display_name ? `${inbox.display_name} <${inbox.email}>` : inbox.email || inbox.inbox_id,
			value: inbox.inbox_id,
		}),
	});
}

/** The chosen inbox's drafts, newest first, as "Subject → recipients", filtered by those or the ID. */
export async function searchDrafts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const inboxId = currentInboxId(this);
	const client = new ApiClient(this, agentryApi);
	return await searchPages({
		fetchPage: async (token, size) => await fetchDraftPage(client, inboxId, token, size),
		pageSize: MAX_PAGE_SIZE,
		startToken: paginationToken,
		matches: (draft: Draft) => containsFilter(filter, [draft.subject, ...(draft.to ?? []), draft.draft_id]),
		toResult: (draft) => ({ name: draftLabel(draft), value: draft.draft_id }),
	});
}

function draftLabel(draft: Draft): string {
	const recipients = draft.to?.length ? draft.to.join(', ') : 'no recipients';
	return `${subjectLabel(draft.subject)} → ${recipients}`;
}

/** The chosen draft's attachments, as "filename (type, size)", filtered by those or the ID. */
export async function searchAttachments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const inboxId = currentInboxId(this);
	const draftId = currentDraftId(this);
	const client = new ApiClient(this, agentryApi);
	const draft = await client.request(
		{ method: 'GET', path: draftPath(inboxId, draftId), notFound: draftNotFound(inboxId, draftId) },
		draftShape,
	);
	const attachments = (draft.attachments ?? []) as AttachmentMetadata[];
	return {
		results: attachments
			.filter((attachment) => containsFilter(filter, [attachment.filename, attachment.content_type, attachment.attachment_id]))
			.map((attachment) => ({ name: attachmentLabel(attachment), value: attachment.attachment_id })),
	};
}

function attachmentLabel(attachment: AttachmentMetadata): string {
	const name = typeof attachment.filename === 'string' && attachment.filename ? attachment.filename : attachment.attachment_id;
	const details = [attachment.content_type, `${attachment.size} bytes`].filter(Boolean).join(', ');
	return `${name} (${details})`;
}
