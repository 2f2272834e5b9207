import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { containsFilter, searchPages, subjectLabel } from '../../shared/listSearch';
import { draftIdOf, paginate } from '../../shared/pagination';
import { ApiClient } from '../../shared/transport';
import { fetchDraftPage, hyperRepApi, MAX_PAGE_SIZE, type MessageDraft } from '../api';
import { DEFAULT_FOLDER } from '../descriptions/fields';

/** How many drafts to read when collecting folder names: enough to see the folders in use. */
const FOLDER_SCAN_LIMIT = 1000;

/**
 * The folders in use by the organization's latest drafts, plus the default one, filtered by
 * name. HyperRep has no list of folders; a new one is made by typing its name ("By Name").
 */
export async function searchFolders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = new ApiClient(this, hyperRepApi);
	const drafts = await paginate(client, async (cursor, size) => await fetchDraftPage(client, cursor, size), {
		returnAll: false,
		limit: FOLDER_SCAN_LIMIT,
		maxPageSize: MAX_PAGE_SIZE,
		idOf: draftIdOf,
	});
	const folders = new Set([DEFAULT_FOLDER, ...drafts.map((draft) => draft.folder).filter(Boolean)]);
	return {
		results: [...folders]
			.filter((folder) => containsFilter(filter, [folder]))
			.sort()
			.map((folder) => ({ name: folder, value: folder })),
	};
}

/** The organization's drafts, newest first, as "Subject → recipient [folder]", filtered by those or the ID. */
export async function searchDrafts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = new ApiClient(this, hyperRepApi);
	return await searchPages({
		fetchPage: async (cursor, size) => await fetchDraftPage(client, cursor, size),
		pageSize: MAX_PAGE_SIZE,
		startToken: paginationToken,
		matches: (draft: MessageDraft) =>
			containsFilter(filter, [draft.subject, recipientOf(draft), draft.folder, draft.draft_id]),
		toResult: (draft) => ({ name: draftLabel(draft), value: draft.draft_id }),
	});
}

function recipientOf(draft: MessageDraft): string {
	const address = draft.recipient_email ?? draft.recipient_phone_number;
	const name = typeof draft.recipient_name === 'string' ? draft.recipient_name : '';
	if (!address) return name || 'no recipient';
	return name ? `${name} <${String(address)}>` : String(address);
}

function draftLabel(draft: MessageDraft): string {
	return `${subjectLabel(draft.subject)} → ${recipientOf(draft)} [${draft.folder}]`;
}
