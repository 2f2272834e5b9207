import { quote } from './quote';
import type { ApiClient } from './transport';

/** One page of a list: its items and the token or cursor of the next page, if any. */
export interface Page<T> {
	items: T[];
	/** The token of the next page; none (or empty) where the list ends. */
	next?: string | null;
	/** The API said more items follow (HyperRep's `has_more`), whether or not it gave a cursor. */
	more?: boolean;
}

export interface PaginationOptions<T> {
	returnAll: boolean;
	/** Used when `returnAll` is false. */
	limit: number;
	/** The largest page the API accepts. */
	maxPageSize: number;
	/** An item's ID: an item already listed on an earlier page is left out the second time. */
	idOf: (item: T) => string;
	itemIndex?: number;
}

/** A draft's ID, as both APIs list it: what `idOf` is for a list of drafts. */
export const draftIdOf = (draft: { draft_id: string }): string => draft.draft_id;

/**
 * Pages in a row that brought no item not listed before while promising more: a server that
 * stopped making progress (it ignores the page token, or serves the same items again).
 */
export const MAX_EMPTY_PAGES = 10;
/** The most pages one listing reads (a million drafts at 100 a page): every loop has a bound. */
export const MAX_PAGES = 10_000;

/**
 * Collects items page after page. Return All asks for the largest pages and follows the next
 * token until there is none; a Limit asks for no more than it still needs and stops as soon as it
 * has them. Progress is judged by content: each item is listed once, however often pages repeat
 * it, and a walk whose pages stop bringing new items, comes back to a token, promises more without
 * a token, or passes MAX_PAGES, stops with an error instead of a partial or endless list.
 */
export async function paginate<T>(
	client: ApiClient,
	fetchPage: (token: string | undefined, pageSize: number) => Promise<Page<T>>,
	{ returnAll, limit, maxPageSize, idOf, itemIndex }: PaginationOptions<T>,
): Promise<T[]> {
	const items: T[] = [];
	const ids = new Set<string>();
	const tokens = new Set<string>();
	const stop = (reason: string, description = 'Try again later, or use a Limit.'): never =>
		client.fail({ message: `Listing stopped after ${items.length} items because ${reason}`, description, status: 200, itemIndex });
	let token: string | undefined;
	for (let pages = 1, stalled = 0, allEmpty = true; ; pages++) {
		const wanted = returnAll ? maxPageSize : Math.min(maxPageSize, limit - items.length);
		const page = await fetchPage(token, wanted);
		const before = items.length;
		for (const item of page.items) {
			const id = idOf(item);
			if (ids.has(id)) continue;
			ids.add(id);
			items.push(item);
		}
		if (!returnAll && items.length >= limit) return items.slice(0, limit);
		const next = page.next;
		if (!next) {
			if (page.more) {
				stop(
					'the API said more follow but gave no cursor to read them: the list would be incomplete',
					'Try again later, or report it to the API provider.',
				);
			}
			return items;
		}
		stalled = items.length === before ? stalled + 1 : 0;
		allEmpty = stalled === 0 || (allEmpty && page.items.length === 0);
		if (tokens.has(next)) stop(`the same page token (${quote(next)}) came back: the API is not making progress`);
		if (stalled >= MAX_EMPTY_PAGES) {
			stop(
				allEmpty
					? `${stalled} pages in a row had no items but promised more: the API is not making progress`
					: `${stalled} pages in a row brought no item that was not listed before: the API is not making progress (it may be ignoring the page token)`,
			);
		}
		if (pages >= MAX_PAGES) stop(`it read ${MAX_PAGES} pages, the most one listing reads`, 'Use a Limit, or narrow the list with filters.');
		tokens.add(next);
		token = next;
	}
}
