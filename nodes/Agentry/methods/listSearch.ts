import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { Page } from '../../shared/pagination';
import { paginate } from '../../shared/pagination';
import { ApiClient } from '../../shared/transport';
import { agentryApi, type Draft, fetchDraftPage, fetchInboxPage, type Inbox, MAX_PAGE_SIZE } from '../api';
import { currentInboxId } from './currentInbox';

/** Enough matches to fill the list so that it scrolls; scrolling loads the next pages. */
const SCREENFUL = 20;

/** The account's inboxes as "Display Name <email>", filtered by name, email or ID. */
export async function searchInboxes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = new ApiClient(this, agentryApi);
	return await searchPages(client, {
		fetchPage: async (token, size) => await fetchInboxPage(client, token, size),
		startToken: paginationToken,
		matches: (inbox: Inbox) => contains(filter, [inbox.display_name, inbox.email, inbox.inbox_id]),
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
	return await searchPages(client, {
		fetchPage: async (token, size) => await fetchDraftPage(client, inboxId, token, size),
		startToken: paginationToken,
		matches: (draft: Draft) =>
			contains(filter, [draft.subject, ...(draft.to ?? []), draft.draft_id].map((text) => String(text ?? ''))),
		toResult: (draft) => ({ name: draftLabel(draft), value: draft.draft_id }),
	});
}

function draftLabel(draft: Draft): string {
	const subject = typeof draft.subject === 'string' && draft.subject.trim() ? draft.subject : '(no subject)';
	const recipients = draft.to?.length ? draft.to.join(', ') : 'no recipients';
	return `${subject} → ${recipients}`;
}

function contains(filter: string | undefined, texts: string[]): boolean {
	const wanted = filter?.trim().toLowerCase();
	return !wanted || texts.some((text) => text.toLowerCase().includes(wanted));
}

interface Search<T> {
	fetchPage: (token: string | undefined, size: number) => Promise<Page<T>>;
	/** Where the previous screenful stopped. */
	startToken?: string;
	matches: (item: T) => boolean;
	toResult: (item: T) => INodeListSearchItems;
}

/**
 * Reads pages from `startToken` until a screenful of items matched or the list ended, and hands
 * back the token of the next unread page for when the user scrolls on. Whole pages are read, so
 * no match is skipped between two screenfuls.
 */
async function searchPages<T>(client: ApiClient, search: Search<T>): Promise<INodeListSearchResult> {
	let found = 0;
	let nextUnread: string | undefined;
	const matched = await paginate(
		client,
		async (token, size) => {
			const page = await search.fetchPage(token ?? search.startToken, size);
			const hits = page.items.filter(search.matches);
			found += hits.length;
			nextUnread = page.next ?? undefined;
			return { items: hits, next: found >= SCREENFUL ? undefined : page.next };
		},
		{ returnAll: true, limit: 0, maxPageSize: MAX_PAGE_SIZE },
	);
	return { results: matched.map(search.toResult), paginationToken: nextUnread };
}
