/**
 * A sorted array kept newest-first, used for every paginated list. Lookups are binary searches, so a
 * page costs O(log n + limit) however deep the cursor is (10,000-draft lists in the bench).
 */

export interface SortKey {
	/** Sort timestamp in ms (created_at or updated_at). */
	t: number;
	id: string;
}

/** Newest first; equal timestamps ordered by id ascending so the order is total and stable. */
export function compareKeys(a: SortKey, b: SortKey): number {
	if (a.t !== b.t) return b.t - a.t;
	if (a.id === b.id) return 0;
	return a.id < b.id ? -1 : 1;
}

export interface Page<T> {
	items: T[];
	hasMore: boolean;
}

export interface PageQuery {
	/** Keyset cursor: the page starts strictly after this key. */
	after?: SortKey;
	limit: number;
	/** Inclusive lower bound on t. */
	fromT?: number;
	/** Inclusive upper bound on t. */
	toT?: number;
}

export class SortedIndex<T extends SortKey> {
	private items: T[] = [];

	get size(): number {
		return this.items.length;
	}

	/** First index whose item satisfies pred; pred must be false...false,true...true over the array. */
	partitionPoint(pred: (item: T) => boolean): number {
		let lo = 0;
		let hi = this.items.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (pred(this.items[mid])) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}

	insert(item: T): void {
		const at = this.partitionPoint((x) => compareKeys(x, item) > 0);
		this.items.splice(at, 0, item);
	}

	/** Bulk seeding: append then sort once instead of n splices. */
	insertMany(items: T[]): void {
		for (const item of items) this.items.push(item);
		this.items.sort(compareKeys);
	}

	/** Removes this exact item; its key must not have changed since it was inserted. */
	remove(item: T): boolean {
		const at = this.partitionPoint((x) => compareKeys(x, item) >= 0);
		for (let i = at; i < this.items.length && compareKeys(this.items[i], item) === 0; i++) {
			if (this.items[i] === item) {
				this.items.splice(i, 1);
				return true;
			}
		}
		return false;
	}

	all(): T[] {
		return this.items.slice();
	}

	clear(): void {
		this.items = [];
	}

	page(query: PageQuery): Page<T> {
		const { after, limit, fromT, toT } = query;
		let start = after ? this.partitionPoint((x) => compareKeys(x, after) > 0) : 0;
		if (toT !== undefined) start = Math.max(start, this.partitionPoint((x) => x.t <= toT));
		const end = fromT !== undefined ? this.partitionPoint((x) => x.t < fromT) : this.items.length;
		const stop = Math.min(start + limit, end);
		return { items: start < stop ? this.items.slice(start, stop) : [], hasMore: stop < end };
	}
}
