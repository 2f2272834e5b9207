/**
 * Items a run starts with in flight, before it has seen how the API answers. n8n 2.41 prepares an
 * item in about 1.5 ms of CPU (a create with three expressions), so against an API that takes
 * 200 ms over 100 items in flight keep it busy: from 64, slow start gets there in one round trip
 * (from 4 it took five, mostly idle; bench: Real n8n).
 */
export const INITIAL_WINDOW = 64;

/** What the transport tells the run about each answer. */
export interface CongestionSignal {
	/** Changes each time the window shrinks; a request notes it when it is sent. */
	readonly epoch: number;
	/** The API answered normally. */
	grow(): void;
	/** The API pushed back (429, 503) or failed in a way that suggests overload. */
	shrink(sentInEpoch: number): void;
}

/**
 * How many items a node run keeps in flight, adapting as TCP does: the window grows by one per
 * answer until the API first pushes back (slow start, which doubles it every round trip), then by
 * one per window of answers; each push-back halves it. Answers to requests sent before the last
 * halving don't halve it again, so one burst of 429s counts once. Never above the user's maximum.
 */
export class AdaptiveConcurrency implements CongestionSignal {
	private window: number;
	private threshold = Number.POSITIVE_INFINITY;
	epoch = 0;

	constructor(readonly max: number) {
		this.window = Math.min(max, INITIAL_WINDOW);
	}

	/** Items that may be in flight now. */
	get limit(): number {
		return Math.max(1, Math.floor(this.window));
	}

	grow(): void {
		const step = this.window < this.threshold ? 1 : 1 / this.window;
		this.window = Math.min(this.max, this.window + step);
	}

	shrink(sentInEpoch: number): void {
		if (sentInEpoch !== this.epoch) return;
		this.window = Math.max(1, this.window / 2);
		this.threshold = this.window;
		this.epoch++;
	}
}
