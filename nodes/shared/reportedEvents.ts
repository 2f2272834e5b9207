/**
 * Events that fire once per episode, such as a draft's failed send: an episode is a draft's ID with
 * a key (for a failed send, the send time that failed), and an edit of the draft in the same
 * episode is not the event again. The memory is bounded: it keeps the MAX_REPORTED episodes with
 * the latest keys. To forget others it raises a floor to the latest key it forgot, and every episode
 * keyed at or before the floor counts as reported. So an edit is never reported again, however many
 * episodes there were; the price is that an episode first seen after the floor passed its key (a
 * send that failed later than MAX_REPORTED sends scheduled after it) is not reported either.
 */
export const MAX_REPORTED = 500;

export class ReportedEvents {
	constructor(
		/** Every episode keyed at or before it counts as reported; null until something was forgotten. */
		private floor: number | null = null,
		/** Episode keys by draft ID, each draft in its latest episode. */
		private readonly episodes = new Map<string, number>(),
	) {}

	has(id: string, key: number): boolean {
		return (this.floor !== null && key <= this.floor) || this.episodes.get(id) === key;
	}

	record(id: string, key: number): void {
		this.episodes.set(id, key);
	}

	/** The draft left its episode (e.g. it was rescheduled): its next one is new. */
	forget(id: string): void {
		this.episodes.delete(id);
	}

	/** The memory within its bound, as it is stored. */
	bounded(): { floor: number | null; episodes: Array<[string, number]> } {
		const latestFirst = [...this.episodes].sort((a, b) => b[1] - a[1]);
		const forgotten = latestFirst[MAX_REPORTED];
		const floor = forgotten === undefined ? this.floor : Math.max(this.floor ?? forgotten[1], forgotten[1]);
		return { floor, episodes: latestFirst.filter(([, key]) => floor === null || key > floor) };
	}
}
