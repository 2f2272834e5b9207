import type { ApiClient } from './transport';

/** One page of a list: its items and the token or cursor of the next page, if any. */
export interface Page<T> {
	items: T[];
	next?: string | null;
}

export interface PaginationOptions {
	returnAll: boolean;
	/** Used when `returnAll` is false. */
	limit: number;
	/** The largest page the API accepts. */
	maxPageSize: number;
	itemIndex?: number;
}

/** Pages in a row that brought nothing while promising more: a server that stopped making progress. */
export const MAX_EMPTY_PAGES = 10;

/**
 * Collects items page after page. Return All asks for the largest pages and follows the next
 * token until there is none; a Limit asks for no more than it still needs and stops as soon as it
 * has them. A token seen before, or page after page without items, would loop forever, so it
 * stops with an error instead.
 */
export async function paginate<T>(
	client: ApiClient,
	fetchPage: (token: string | undefined, pageSize: number) => Promise<Page<T>>,
	{ returnAll, limit, maxPageSize, itemIndex }: PaginationOptions,
): Promise<T[]> {
	const items: T[] = [];
	const seen = new Set<string>();
	let token: string | undefined;
	for (let emptyPages = 0; ; ) {
		const wanted = returnAll ? maxPageSize : Math.min(maxPageSize, limit - items.length);
		const page = await fetchPage(token, wanted);
		for (const item of page.items) items.push(item);
		if (!returnAll && items.length >= limit) return items.slice(0, limit);
		if (!page.next) return items;
		emptyPages = page.items.length === 0 ? emptyPages + 1 : 0;
		if (seen.has(page.next) || emptyPages >= MAX_EMPTY_PAGES) {
			const reason = seen.has(page.next)
				? `the same page token ("${page.next}") came back`
				: `${emptyPages} pages in a row had no items but promised more`;
			client.fail({
				message: `Listing stopped after ${items.length} items because ${reason}: the API is not making progress`,
				description: 'Try again later, or use a Limit.',
				status: 200,
				itemIndex,
			});
		}
		seen.add(page.next);
		token = page.next;
	}
}
