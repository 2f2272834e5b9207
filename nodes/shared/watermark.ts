/**
 * Where a poll stands in a list ordered newest first by a timestamp: the newest timestamp handled
 * that was not ahead of the poll's own time, the IDs handled at exactly that time, and the items
 * handled whose timestamp was ahead of the poll's time. A draft stamped a day ahead (a server whose
 * clock runs ahead) is handled once and remembered by its stamp, without moving the watermark a day
 * ahead, where it would hold back every draft stamped in between.
 */
export interface Watermark {
	/** The newest timestamp handled (ms) up to the poll's time; null when nothing was seen yet. */
	at: number | null;
	/** The IDs handled at exactly `at`: skipped when seen again, while other items stamped `at` are new. */
	ids: string[];
	/** Items handled with a timestamp after `at` (ahead of the poll's time), each with that timestamp. */
	ahead: Stamp[];
}

export interface Stamp {
	id: string;
	at: number;
}

/**
 * How many items stamped ahead of the poll's time are remembered one by one. More than that means
 * the API's clock as a whole runs ahead rather than a stray stamp, and the watermark then moves
 * ahead over the oldest of them, as when every clock agrees: the API stamps later items later
 * still. The next poll reads the remembered ones again, since it reads back to the watermark below
 * them: a draft stamped between them and the watermark may have appeared since, and only that read
 * finds it. With 50 at most, this costs at most one request more than the new drafts take.
 */
export const MAX_AHEAD = 50;

export const EMPTY_MARK: Watermark = { at: null, ids: [], ahead: [] };

/** Builds the watermark after a walk: every item seen, judged against the poll's own time `now`. */
export class MarkBuilder {
	private at: number | null;
	private ids: Set<string>;
	private readonly ahead = new Map<string, number>();

	constructor(
		start: Watermark,
		private readonly now: number,
	) {
		this.at = start.at;
		this.ids = new Set(start.ids);
	}

	/** How many items ahead of the poll's time were seen. */
	get aheadCount(): number {
		return this.ahead.size;
	}

	/** The newest timestamp seen up to the poll's time. */
	get newest(): number | null {
		return this.at;
	}

	see({ id, at }: Stamp): void {
		if (at > this.now) {
			this.ahead.set(id, Math.max(at, this.ahead.get(id) ?? at));
		} else if (this.at === null || at > this.at) {
			this.at = at;
			this.ids = new Set([id]);
		} else if (at === this.at) {
			this.ids.add(id);
		}
	}

	mark(): Watermark {
		let at = this.at;
		let ids = this.ids;
		// Newest first; those beyond MAX_AHEAD (the oldest) move the watermark ahead over them.
		const ahead = [...this.ahead].map(([id, stamp]) => ({ id, at: stamp })).sort((a, b) => b.at - a.at);
		const folded = ahead.slice(MAX_AHEAD);
		if (folded.length) {
			const fold = folded[0].at;
			at = fold;
			ids = new Set(ahead.filter((item) => item.at === fold).map((item) => item.id));
		}
		return { at, ids: [...ids], ahead: ahead.filter((item) => at === null || item.at > at) };
	}
}
