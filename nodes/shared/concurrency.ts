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
 * In slow start, how much slower than the fastest answer an answer may come and still widen the
 * window (where LATENCY_TOLERANCE applies, this scaled as it is). Between the two it neither
 * widens it nor ends slow start: the first answers are late by however long n8n took to prepare
 * the items before them, and tripling on them overshot (against 8 workers × 20 ms: to 76).
 */
export const SLOW_START_TOLERANCE = 1.25;

/** Answers in a row slower than tolerated that end slow start: one alone may be a pause of n8n's. */
const SLOW_IN_A_ROW = 2;

/**
 * How latency may grow with the window before it counts as a queue: tolerated latency grows with
 * (window / window when the fastest answer was measured) to this power. A queue at the API makes
 * latency grow in proportion to the window (power 1), and more in flight buys nothing. n8n's own
 * work makes it grow too, more slowly, and more in flight still buys throughput: measured in n8n's
 * engine against a flat 20 ms, 16 in flight answered in 35–40 ms, 64 in 51 ms (power 0.2–0.3), and
 * 1,000 creates took 2.2 s at 16, 0.8 s at 64.
 */
export const ELASTICITY = 0.4;

/**
 * The fewest items latency alone narrows the window to. Below that, answers slowing down are as
 * likely n8n's own doing (its event loop busy, or the machine's other work) as a queue at the API,
 * and narrowing further would leave n8n waiting between answers (measured in a real n8n on a busy
 * machine, without this floor: 300 creates at 20 ms took 10–12 s, HTTP Request 2.5–8 s). Push-back
 * and failed connections narrow it further.
 */
export const LATENCY_FLOOR = 16;

/**
 * Items in flight while the window re-measures the API's fastest answer: few enough that neither
 * the API's queue nor n8n's event loop adds much to their latency.
 */
export const PROBE_WINDOW = 4;

/** Round trips, at the least, from one re-measure to the next. */
export const PROBE_EVERY = 32;

/** The weight of the newest answer in the smoothed latency: a few slow answers in a row, not one, narrow the window. */
const SMOOTHING = 1 / 8;

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
 * How many items a node run keeps in flight, adapting to how the API answers: TCP's slow start
 * and congestion avoidance, a delay-based limit as in Vegas and Netflix's Gradient2, HyStart's
 * early exit from slow start and BBR's ProbeRTT.
 *
 * - Slow start: each answer within SLOW_START_TOLERANCE × the fastest answer (scaled as the
 *   tolerance is, below) widens the window by two, tripling it per round trip. Each answer counts, not the smoothed latency, which lags a
 *   round trip behind the queue a tripling window builds. SLOW_IN_A_ROW answers slower than
 *   tolerated end it and narrow the window.
 * - Then, a smoothed latency within tolerance widens the window by one per window of answers.
 *   Slower means requests wait in a queue: the window narrows to what would have kept them within
 *   it (window × tolerated latency / latency, at most halving, not below LATENCY_FLOOR).
 * - The tolerance is LATENCY_TOLERANCE × the fastest answer, or more with more in flight than
 *   when that was measured (ELASTICITY).
 * - The first narrowing for latency from a window above LATENCY_FLOOR + PROBE_WINDOW, and the
 *   next ones at most every PROBE_EVERY round trips, re-measure the fastest answer: the window
 *   keeps PROBE_WINDOW items in flight until PROBE_WINDOW answers to them came back, then goes on
 *   from LATENCY_FLOOR in slow start, counting only answers to requests sent once the queue it
 *   drained could fill again. The fastest answer of the first round trip is rarely the API's: it
 *   waits for n8n to prepare the first window of items, and against an API that queues, in its
 *   queue (against 8 workers × 20 ms it came at 45–60 ms, and tolerating 1.5× that kept 34 items
 *   in flight where 16 do). And the API may have become slower for good, or n8n busier: its new
 *   fastest answer is what counts from then on.
 * - A push-back (429, 503) or a failed connection (reset, refused, timed out) halves it.
 *
 * A narrowing happens once per round trip: answers to requests sent before the last one don't
 * narrow again, so one burst of 429s, or one queue, counts once. Never below one, never above the
 * user's maximum.
 */
export class AdaptiveConcurrency implements CongestionSignal {
	private window: number;
	private threshold = Number.POSITIVE_INFINITY;
	/** The fastest answer since the last re-measure: the latency of the API with nothing queued, as far as the run can see. */
	private baseMs = Number.POSITIVE_INFINITY;
	/** About how many items were in flight when the fastest answer was measured. */
	private baseWindow = INITIAL_WINDOW;
	private smoothedMs?: number;
	private epoch = 0;
	private round = 0;
	/**
	 * After a re-measure, requests sent in its first round trip find the queue it drained: their
	 * answers are fast whatever the window, so only later ones widen it.
	 */
	private growsFromRound = 0;
	private slowInARow = 0;
	/** A re-measure under way: the round its requests carry, and how many of them were answered. */
	private probe?: { round: number; answers: number };
	private lastProbeRound = Number.NEGATIVE_INFINITY;

	constructor(readonly max: number) {
		this.window = Math.min(max, INITIAL_WINDOW);
	}

	/** Items that may be in flight now. */
	get limit(): number {
		return Math.max(1, Math.floor(this.probe ? Math.min(PROBE_WINDOW, this.window) : this.window));
	}

	sent(): Sent {
		return { epoch: this.epoch, round: this.round };
	}

	answered(latencyMs: number, sent: Sent): void {
		this.baseMs = Math.min(this.baseMs, latencyMs);
		if (this.probe) return this.probed(sent);
		const tolerated = this.baseMs * Math.max(LATENCY_TOLERANCE, (this.window / this.baseWindow) ** ELASTICITY);
		const smoothed = (this.smoothedMs = this.smoothedMs === undefined ? latencyMs : this.smoothedMs + (latencyMs - this.smoothedMs) * SMOOTHING);
		if (sent.round === this.round) this.round++;
		if (this.window < this.threshold) this.slowStart(latencyMs, tolerated, sent);
		else if (smoothed <= tolerated) this.grow(1 / this.window);
		else this.narrowForLatency(sent, tolerated / smoothed);
	}

	shrink(sent: Sent): void {
		this.narrow(sent, 0.5, 1);
	}

	private grow(step: number): void {
		this.window = Math.min(this.max, this.window + step);
	}

	private slowStart(latencyMs: number, toleratedMs: number, sent: Sent): void {
		this.slowInARow = latencyMs > toleratedMs ? this.slowInARow + 1 : 0;
		if (sent.round >= this.growsFromRound && latencyMs <= toleratedMs * (SLOW_START_TOLERANCE / LATENCY_TOLERANCE)) this.grow(2);
		if (this.slowInARow < SLOW_IN_A_ROW) return;
		this.threshold = this.window;
		this.narrowForLatency(sent, toleratedMs / latencyMs);
	}

	/**
	 * A re-measure only where it can matter: the window it starts from leaves latency room to
	 * narrow it (with Max Concurrency 20, from 20 to 16, it would cost more than it could gain).
	 */
	private narrowForLatency(sent: Sent, factor: number): void {
		const before = this.window;
		if (!this.narrow(sent, Math.max(0.5, factor), Math.min(this.window, LATENCY_FLOOR))) return;
		if (before > LATENCY_FLOOR + PROBE_WINDOW && this.round - this.lastProbeRound >= PROBE_EVERY) this.startProbe();
	}

	/** Requests sent from now on carry a round of their own; answers to earlier ones only drain the queue. */
	private startProbe(): void {
		this.epoch++;
		this.round++;
		this.probe = { round: this.round, answers: 0 };
		this.baseMs = Number.POSITIVE_INFINITY;
		this.slowInARow = 0;
	}

	private probed(sent: Sent): void {
		if (!this.probe || sent.round !== this.probe.round || ++this.probe.answers < PROBE_WINDOW) return;
		this.probe = undefined;
		this.smoothedMs = undefined;
		this.baseWindow = PROBE_WINDOW;
		this.window = Math.min(this.window, LATENCY_FLOOR);
		this.threshold = Number.POSITIVE_INFINITY;
		this.lastProbeRound = this.round;
		this.epoch++;
		this.round++;
		this.growsFromRound = this.round + 1;
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
