import { encodeCursor } from './cursor';
import type { SortKey } from './sortedIndex';
import type { PagingControl, PagingMode } from './types';

/**
 * How the lists of both APIs page. `keyset` is the documented behaviour; the other modes are
 * servers that misbehave: one that ignores the page token and serves the first page again with a
 * fresh token every time, and one whose pages overlap, each starting with the previous page's last
 * item (as an offset-paged list does when a draft is added while it is read).
 */
export class Paging implements PagingControl {
	mode: PagingMode = 'keyset';
	private issued = 0;

	/** Where a page starts, given the key its token names. */
	after(key: SortKey | undefined): SortKey | undefined {
		return this.mode === 'ignoresToken' ? undefined : key;
	}

	/** The token of the page after `items`, or undefined when the list ends there. */
	next(items: SortKey[], hasMore: boolean): string | undefined {
		const last = items[items.length - 1];
		if (!hasMore || !last) return undefined;
		if (this.mode === 'ignoresToken') return encodeCursor({ t: last.t, id: `${last.id}#${++this.issued}` });
		if (this.mode === 'repeatsItems' && items.length > 1) return encodeCursor(items[items.length - 2]);
		return encodeCursor(last);
	}

	reset(): void {
		this.mode = 'keyset';
		this.issued = 0;
	}
}
