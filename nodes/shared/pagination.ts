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

/**
 * Collects items page after page. Return All asks for the largest pages and follows the next
 * token until there is none; a Limit asks for no more than it still needs and stops as soon as it
 * has them. A token seen before would loop forever, so it stops with an error instead.
 */
export async function paginate<T>(
	client: ApiClient,
	fetchPage: (token: string | undefined, pageSize: number) => Promise<Page<T>>,
	{ returnAll, limit, maxPageSize, itemIndex }: PaginationOptions,
): Promise<T[]> {
	const items: T[] = [];
	const seen = new Set<string>();
	let token: string | undefined;
	for (;;) {
		const wanted = returnAll ? maxPageSize : Math.min(maxPageSize, limit - items.length);
		const page = await fetchPage(token, wanted);
		for (const item of page.items) items.push(item);
		if (!returnAll && items.length >= limit) return items.slice(0, limit);
		if (!page.next) return items;
		if (seen.has(page.next)) {
			client.fail({
				message: 'The API returned the same page token twice, so listing stopped to avoid an endless loop',
				description: `Token "${page.next}" came back after ${items.length} items. Try again, or use a Limit.`,
				status: 200,
				itemIndex,
			});
		}
		seen.add(page.next);
		token = page.next;
	}
}
