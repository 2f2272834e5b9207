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

/** A fall in throughput, from the round trip before a narrowing for latency to the one after, that undoes it. */
const LOSS = 0.2;

/** When a request was sent, as the window counts: it notes this and hands it back with the answer. */
export interface Sent {
	/** Changes each time the window narrows. */
	readonly epoch: number;
	/** Changes each round trip: when the first request sent in the current one is answered. */
	readonly round: number;
}

/** What the transport tells the run about each answer. */
export interface CongestionSignal {
	sent(): Sent;
	/** The API answered (a success or a final error) `latencyMs` after the request was sent. */
	answered(latencyMs: number, sent: Sent): void;
	/** The API pushed back (429, 503), or the connection failed in a way that suggests overload. */
	shrink(sent: Sent): void;
}

/**
 * How many items a node run keeps in flight, adapting to how the API answers (TCP's slow start
 * and congestion avoidance, with a delay-based limit as in Vegas and Netflix's Gradient2):
 *
 * - An answer as fast as LATENCY_TOLERANCE × the fastest answer of the run widens the window: by two
 *   (slow start, tripling it per round trip) until the window first narrows, by one per window of
 *   answers after that.
 * - Slower answers (smoothed over a few) mean requests wait in a queue: more in flight bought
 *   latency, not throughput. The window narrows to what would have kept them within the tolerance
 *   (window × tolerated latency / latency, at most halving, not below LATENCY_FLOOR), and slow
 *   start ends. That is checked before the next such narrowing: when the round trip after it
 *   answers LOSS fewer per second than the one before, the latency was not a queue the window
 *   made (n8n busy, other clients of the API, an API that became slower), so the window goes
 *   back and the slower latency counts as the fastest from then on.
 * - A push-back (429, 503) or a failed connection (reset, refused, timed out) halves it.
 *
 * A narrowing happens once per round trip: answers to requests sent before the last one don't
 * narrow again, so one burst of 429s, or one queue, counts once. Never below one, never above the
 * user's maximum.
 */
export class AdaptiveConcurrency implements CongestionSignal {
	private window: number;
	private threshold = Number.POSITIVE_INFINITY;
	/** The fastest answer of the run: the latency of the API with nothing queued, as far as the run can see. */
	private baseMs = Number.POSITIVE_INFINITY;
	private smoothedMs?: number;
	private epoch = 0;
	private round = 0;
	private roundStartedAt: number;
	private roundAnswers = 0;
	/** The last narrowing for latency, until the round trips around it confirm or undo it. */
	private trial?: { window: number; round: number; rate?: number };

	constructor(
		readonly max: number,
		private readonly now: () => number = Date.now,
	) {
		this.window = Math.min(max, INITIAL_WINDOW);
		this.roundStartedAt = now();
	}

	/** Items that may be in flight now. */
	get limit(): number {
		return Math.max(1, Math.floor(this.window));
	}

	sent(): Sent {
		return { epoch: this.epoch, round: this.round };
	}

	answered(latencyMs: number, sent: Sent): void {
		this.roundAnswers++;
		this.baseMs = Math.min(this.baseMs, latencyMs);
		const tolerated = this.baseMs * LATENCY_TOLERANCE;
		const smoothed = (this.smoothedMs = this.smoothedMs === undefined ? latencyMs : this.smoothedMs + (latencyMs - this.smoothedMs) * SMOOTHING);
		if (sent.round === this.round) this.endRound(smoothed);
		if (smoothed <= tolerated) this.grow();
		else this.narrowForLatency(sent, Math.max(0.5, tolerated / smoothed));
	}

	shrink(sent: Sent): void {
		this.narrow(sent, 0.5, 1);
	}

	private grow(): void {
		const step = this.window < this.threshold ? 2 : 1 / this.window;
		this.window = Math.min(this.max, this.window + step);
	}

	/**
	 * A round trip is over. The answers of the one in which the window narrowed for latency were
	 * sent before: their rate is the throughput of the wider window. The next one's is that of the
	 * narrower window; markedly less undoes the narrowing.
	 */
	private endRound(smoothedMs: number): void {
		const at = this.now();
		const rate = this.roundAnswers / Math.max(1, at - this.roundStartedAt);
		if (this.trial?.round === this.round) this.trial.rate = rate;
		else if (this.trial?.rate !== undefined) {
			if (rate < this.trial.rate * (1 - LOSS)) {
				this.window = Math.max(this.window, this.trial.window);
				this.baseMs = smoothedMs;
			}
			this.trial = undefined;
		}
		this.round++;
		this.roundStartedAt = at;
		this.roundAnswers = 0;
	}

	/** One narrowing for latency at a time: the next waits until this one is confirmed. */
	private narrowForLatency(sent: Sent, factor: number): void {
		this.threshold = Math.min(this.threshold, this.window);
		const before = this.window;
		if (this.trial || !this.narrow(sent, factor, Math.min(this.window, LATENCY_FLOOR))) return;
		this.trial = { window: before, round: this.round };
	}

	/** Narrows by `factor`, not below `floor`, once per round trip; whether it did. */
	private narrow(sent: Sent, factor: number, floor: number): boolean {
		this.threshold = Math.min(this.threshold, this.window);
		const narrowed = Math.max(floor, this.window * factor);
		if (sent.epoch !== this.epoch || narrowed >= this.window) return false;
		this.window = narrowed;
		this.threshold = this.window;
		this.epoch++;
		return true;
	}
}
