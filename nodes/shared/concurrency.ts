/**
 * Items a run starts with in flight, before it has seen how the API answers. n8n 2.41 prepares an
 * item in about 1.5 ms of CPU, so against an API that takes 200 ms over 100 items in flight keep
 * it busy: slow start from 32, tripling per round trip while answers come back as fast as the
 * first, gets there in one round trip (from 4, doubling, it took five, mostly idle; bench: Real
 * n8n). Not more: against an API that queues, the first window waits in its queue whole.
 */
export const INITIAL_WINDOW = 32;

/**
 * How much slower than the fastest answer of the run an answer may come before it counts as
 * queueing: below that the window grows, above it the window narrows in proportion. Room for
 * the API's own jitter and for n8n's event loop, busy preparing the next items, being late to
 * read an answer (Netflix's Gradient2 uses the same 1.5).
 */
export const LATENCY_TOLERANCE = 1.5;

/**
 * The fewest items latency alone narrows the window to. Below that, answers slowing down are as
 * likely n8n's own doing (its event loop busy, or the machine's other work) as a queue at the API,
 * and narrowing further would leave n8n waiting between answers (measured in a real n8n on a busy
 * machine, without this floor: 300 creates at 20 ms took 10–12 s, HTTP Request 2.5–8 s). Push-back
 * and failed connections narrow it further.
 */
export const LATENCY_FLOOR = 16;

/** The weight of the newest answer in the smoothed latency: a few slow answers in a row, not one, narrow the window. */
const SMOOTHING = 1 / 8;

/** Answers after which the fastest answer is forgotten, so that a slower API later in a long run is not taken for a queue. */
const BASE_SPAN = 500;

/** What the transport tells the run about each answer. */
export interface CongestionSignal {
	/** Changes each time the window narrows; a request notes it when it is sent. */
	readonly epoch: number;
	/** The API answered (a success or a final error) `latencyMs` after the request was sent. */
	answered(latencyMs: number, sentInEpoch: number): void;
	/** The API pushed back (429, 503), or the connection failed in a way that suggests overload. */
	shrink(sentInEpoch: number): void;
}

/**
 * The fastest answer of the recent past: the latency of the API with nothing queued, as far as
 * the run can see. The minimum of the last BASE_SPAN to 2 × BASE_SPAN answers.
 */
class BaseLatency {
	private current = Number.POSITIVE_INFINITY;
	private previous = Number.POSITIVE_INFINITY;
	private samples = 0;

	add(latencyMs: number): number {
		this.current = Math.min(this.current, latencyMs);
		if (++this.samples >= BASE_SPAN) {
			this.previous = this.current;
			this.current = Number.POSITIVE_INFINITY;
			this.samples = 0;
		}
		return Math.min(this.current, this.previous);
	}
}

/**
 * How many items a node run keeps in flight, adapting to how the API answers (TCP's slow start
 * and congestion avoidance, with a delay-based limit as in Vegas and Netflix's Gradient2):
 *
 * - An answer as fast as LATENCY_TOLERANCE × the fastest recent answer widens the window: by two
 *   (slow start, tripling it per round trip) until the window first narrows, by one per window of
 *   answers after that.
 * - Slower answers (smoothed over a few) mean requests wait in a queue: more in flight bought
 *   latency, not throughput. The window narrows to what would have kept them within the tolerance
 *   (window × tolerated latency / latency, at most halving, not below LATENCY_FLOOR), and slow
 *   start ends.
 * - A push-back (429, 503) or a failed connection (reset, refused, timed out) halves it.
 *
 * A narrowing happens once per round trip: answers to requests sent before the last one don't
 * narrow again, so one burst of 429s, or one queue, counts once. Never below one, never above the
 * user's maximum.
 */
export class AdaptiveConcurrency implements CongestionSignal {
	private window: number;
	private threshold = Number.POSITIVE_INFINITY;
	private readonly base = new BaseLatency();
	private smoothedMs?: number;
	epoch = 0;

	constructor(readonly max: number) {
		this.window = Math.min(max, INITIAL_WINDOW);
	}

	/** Items that may be in flight now. */
	get limit(): number {
		return Math.max(1, Math.floor(this.window));
	}

	answered(latencyMs: number, sentInEpoch: number): void {
		const tolerated = this.base.add(latencyMs) * LATENCY_TOLERANCE;
		const smoothed = (this.smoothedMs = this.smoothedMs === undefined ? latencyMs : this.smoothedMs + (latencyMs - this.smoothedMs) * SMOOTHING);
		if (smoothed <= tolerated) this.grow();
		else this.narrow(sentInEpoch, Math.max(0.5, tolerated / smoothed), Math.min(this.window, LATENCY_FLOOR));
	}

	shrink(sentInEpoch: number): void {
		this.narrow(sentInEpoch, 0.5, 1);
	}

	private grow(): void {
		const step = this.window < this.threshold ? 2 : 1 / this.window;
		this.window = Math.min(this.max, this.window + step);
	}

	private narrow(sentInEpoch: number, factor: number, floor: number): void {
		this.threshold = Math.min(this.threshold, this.window);
		const narrowed = Math.max(floor, this.window * factor);
		if (sentInEpoch !== this.epoch || narrowed >= this.window) return;
		this.window = narrowed;
		this.threshold = this.window;
		this.epoch++;
	}
}
