import type { INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { Page } from './pagination';

/** Enough matches to fill the list so that it scrolls; scrolling loads the next pages. */
const SCREENFUL = 20;
/** Pages one call reads at most, so that a filter matching little still answers promptly. */
const MAX_PAGES_PER_CALL = 10;

export interface Search<T> {
	fetchPage: (token: string | undefined, size: number) => Promise<Page<T>>;
	pageSize: number;
	/** Where the previous screenful stopped. */
	startToken?: string;
	matches: (item: T) => boolean;
	toResult: (item: T) => INodeListSearchItems;
}

/**
 * Reads whole pages from `startToken` until a screenful matched, the list ended or the page
 * budget of one call is spent, and hands back the token of the next unread page for when the
 * user scrolls on. No match is skipped between two screenfuls, and none is listed twice in one.
 */
export async function searchPages<T>(search: Search<T>): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	const seen = new Set<INodeListSearchItems['value']>();
	let token = search.startToken;
	for (let pages = 0; pages < MAX_PAGES_PER_CALL && results.length < SCREENFUL; pages++) {
		const page = await search.fetchPage(token, search.pageSize);
		let repeated = page.items.length > 0;
		for (const item of page.items) {
			const result = search.toResult(item);
			if (seen.has(result.value)) continue;
			seen.add(result.value);
			repeated = false;
			if (search.matches(item)) results.push(result);
		}
		// A token that points back at the page just read, or a page of items already seen (an API
		// that ignores the token), would make scrolling loop: the list ends there.
		token = !repeated && page.next && page.next !== token ? page.next : undefined;
		if (!token) break;
	}
	return { results, paginationToken: token };
}

/** Whether any of the texts contains the filter, ignoring case; no filter matches everything. */
export function containsFilter(filter: string | undefined, texts: unknown[]): boolean {
	const wanted = filter?.trim().toLowerCase();
	return !wanted || texts.some((text) => String(text ?? '').toLowerCase().includes(wanted));
}

/** A draft's subject as a picker lists it: an empty one is said to be missing. */
export function subjectLabel(subject: unknown): string {
	return typeof subject === 'string' && subject.trim() ? subject : '(no subject)';
}
