import { AdaptiveConcurrency, INITIAL_WINDOW, LATENCY_FLOOR, PROBE_EVERY, PROBE_WINDOW } from '../../nodes/shared/concurrency';

/** A window on a clock the test moves. */
function windowOf(max = 200) {
	const clock = { ms: 0 };
	return { window: new AdaptiveConcurrency(max), clock };
}

/**
 * One round trip: as many requests as the window allows are sent together, and all answered
 * `latencyMs` later (or `count` of them).
 */
function roundTrip({ window, clock }: ReturnType<typeof windowOf>, latencyMs: number, count = window.limit) {
	const sent = Array.from({ length: count }, () => window.sent());
	clock.ms += latencyMs;
	for (const ticket of sent) window.answered(latencyMs, ticket);
}

/**
 * `count` requests through the window, each sent as soon as the window allows, against an API
 * whose answer to a request sent at `sentAt` comes at `answerAt(sentAt, previous answer's time)`.
 * Returns the most in flight over the last half.
 */
function stream({ window, clock }: ReturnType<typeof windowOf>, count: number, answerAt: (sentAt: number, previous: number) => number) {
	const inFlight: Array<{ sentAt: number; answerAt: number; ticket: ReturnType<AdaptiveConcurrency['sent']> }> = [];
	let sent = 0;
	let previous = 0;
	let most = 0;
	while (sent < count || inFlight.length > 0) {
		while (sent < count && inFlight.length < window.limit) {
			previous = answerAt(clock.ms, previous);
			inFlight.push({ sentAt: clock.ms, answerAt: previous, ticket: window.sent() });
			sent++;
		}
		if (sent > count / 2) most = Math.max(most, inFlight.length);
		const next = inFlight.shift() as (typeof inFlight)[number];
		clock.ms = next.answerAt;
		window.answered(next.answerAt - next.sentAt, next.ticket);
	}
	return most;
}

/** An API with `workers` that take `serviceMs` each, first come first served: a full window waits in its queue. */
const queue = (workers: number, serviceMs: number) => (sentAt: number, previous: number) => Math.max(sentAt + serviceMs, previous + serviceMs / workers);
/**
 * `api`, with its first `count` answers read `lateMs` late, as n8n reads them while it prepares
 * the first window of items (answers stay in the order of their requests).
 */
function readLate(api: ReturnType<typeof queue>, count: number, lateMs: number) {
	let answers = 0;
	let served = 0;
	let read = 0;
	return (sentAt: number) => {
		served = api(sentAt, served);
		read = Math.max(read, served + (answers++ < count ? lateMs : 0));
		return read;
	};
}

/** An API that takes `ms` however many requests it has. */
const fixed = (ms: number) => (sentAt: number) => sentAt + ms;

describe('the adaptive window', () => {
	test(`starts at ${INITIAL_WINDOW} and triples per round trip while answers come as fast as the first`, () => {
		const run = windowOf();
		expect(run.window.limit).toBe(32);
		roundTrip(run, 20);
		expect(run.window.limit).toBe(96);
		roundTrip(run, 25);
		expect(run.window.limit).toBe(200);
	});

	test('halves on push-back, once per burst, then grows by one per window of answers', () => {
		const run = windowOf();
		roundTrip(run, 20, 16);
		expect(run.window.limit).toBe(64);
		const sent = run.window.sent();
		for (let refusals = 0; refusals < 10; refusals++) run.window.shrink(sent);
		expect(run.window.limit).toBe(32);
		roundTrip(run, 20);
		expect(run.window.limit).toBe(32);
		roundTrip(run, 20, 1);
		expect(run.window.limit).toBe(33);
	});

	test('one slow answer among fast ones neither narrows it nor ends slow start', () => {
		const run = windowOf();
		roundTrip(run, 20, 8);
		roundTrip(run, 60, 1);
		expect(run.window.limit).toBe(48);
		roundTrip(run, 20, 1);
		expect(run.window.limit).toBe(50);
	});

	test('in slow start, answers between 1.25 and 1.5 × the fastest neither widen it nor end slow start', () => {
		const run = windowOf();
		roundTrip(run, 20, 1);
		roundTrip(run, 28, 10);
		expect(run.window.limit).toBe(34);
		roundTrip(run, 24, 1);
		expect(run.window.limit).toBe(36);
	});

	test(`two slower answers in a row end slow start and re-measure the fastest answer with ${PROBE_WINDOW} in flight, then it goes on from ${LATENCY_FLOOR}`, () => {
		const run = windowOf();
		roundTrip(run, 50, 8);
		expect(run.window.limit).toBe(48);
		const queued = Array.from({ length: 40 }, () => run.window.sent());
		run.window.answered(80, queued[0]);
		expect(run.window.limit).toBe(48);
		run.window.answered(80, queued[1]);
		expect(run.window.limit).toBe(PROBE_WINDOW);
		// The queue drains: its answers leave the window at the probe's size.
		for (const ticket of queued.slice(2)) run.window.answered(120, ticket);
		expect(run.window.limit).toBe(PROBE_WINDOW);
		// With nothing queued the API answers in 20 ms: the fastest answer is that, not the 50 ms of the first round trip.
		roundTrip(run, 20, PROBE_WINDOW);
		expect(run.window.limit).toBe(LATENCY_FLOOR);
		// 16 in flight tolerate 20 ms × (16 / 4) ** 0.4 ≈ 34.8 ms; slow start widens on answers within 1.25 / 1.5 of that.
		roundTrip(run, 32, 1);
		expect(run.window.limit).toBe(LATENCY_FLOOR);
		roundTrip(run, 20, LATENCY_FLOOR);
		expect(run.window.limit).toBe(3 * LATENCY_FLOOR);
	});

	test('with Max Concurrency 20, latency narrows it to 16 without a re-measure', () => {
		const run = windowOf(20);
		roundTrip(run, 20, 4);
		expect(run.window.limit).toBe(20);
		roundTrip(run, 80, 2);
		expect(run.window.limit).toBe(LATENCY_FLOOR);
	});

	test('latency that grows more slowly than the window (n8n busier with more in flight) does not narrow it', () => {
		const run = windowOf();
		roundTrip(run, 20, 8);
		roundTrip(run, 80, 2);
		roundTrip(run, 26, PROBE_WINDOW);
		// Measured in n8n's engine against a flat 20 ms: 35–40 ms with 16 in flight, 51 ms with 64.
		const latencyAt = (inFlight: number) => 26 * (inFlight / PROBE_WINDOW) ** 0.25;
		for (let roundTrips = 0; roundTrips < 20; roundTrips++) roundTrip(run, latencyAt(run.window.limit));
		expect(run.window.limit).toBeGreaterThanOrEqual(100);
	});

	test('against an API that queues, answers of the first round trip read late do not keep it wide', () => {
		const run = windowOf();
		// 35 ms late: measured against 8 workers × 20 ms in n8n's engine, the first answers were read at 45–60 ms.
		const most = stream(run, 5_000, readLate(queue(8, 20), INITIAL_WINDOW, 35));
		expect(most).toBeLessThanOrEqual(LATENCY_FLOOR + 1);
	});

	test(`re-measures at most once per ${PROBE_EVERY} round trips`, () => {
		const run = windowOf();
		roundTrip(run, 20, 8);
		roundTrip(run, 80, 2);
		expect(run.window.limit).toBe(PROBE_WINDOW);
		roundTrip(run, 20, PROBE_WINDOW);
		while (run.window.limit <= 2 * LATENCY_FLOOR) roundTrip(run, 20);
		// A queue again, soon after: the window narrows without a re-measure.
		roundTrip(run, 400, 2);
		expect(run.window.limit).toBeGreaterThan(LATENCY_FLOOR);
		for (let roundTrips = 0; roundTrips < PROBE_EVERY; roundTrips++) roundTrip(run, 20);
		// And once PROBE_EVERY round trips have passed, with a re-measure.
		roundTrip(run, 400, LATENCY_FLOOR);
		expect(run.window.limit).toBe(PROBE_WINDOW);
	});

	test('against an API that queues (latency grows with the window, throughput does not) it narrows and stays narrow', () => {
		const run = windowOf();
		const most = stream(run, 5_000, queue(8, 20));
		// 8 workers: 12 in flight keep them busy within 1.5 × 20 ms; latency alone goes no lower than the floor.
		expect(most).toBeLessThanOrEqual(LATENCY_FLOOR + 1);
		expect(run.window.limit).toBeGreaterThanOrEqual(LATENCY_FLOOR);
	});

	test('against an API whose latency does not grow with the window it widens to the maximum', () => {
		const run = windowOf();
		stream(run, 2_000, fixed(200));
		expect(run.window.limit).toBe(200);
	});

	test('answers slowed by something else (n8n busy, an API slower for good): re-measured, the slower latency is the fastest', () => {
		const run = windowOf();
		roundTrip(run, 20, 1);
		roundTrip(run, 20);
		const wide = run.window.limit;
		// From now on every answer takes 100 ms whatever the window: narrowing only loses throughput.
		stream(run, 2_000, fixed(100));
		expect(run.window.limit).toBeGreaterThanOrEqual(wide);
	});

	test(`latency alone narrows it to ${LATENCY_FLOOR} at the least; push-back goes below`, () => {
		const run = windowOf();
		stream(run, 2_000, queue(1, 50));
		expect(run.window.limit).toBe(LATENCY_FLOOR);
		run.window.shrink(run.window.sent());
		expect(run.window.limit).toBe(LATENCY_FLOOR / 2);
	});

	test('never goes below one nor above the maximum', () => {
		const small = windowOf(2);
		expect(small.window.limit).toBe(2);
		roundTrip(small, 20, 10);
		expect(small.window.limit).toBe(2);
		for (let refusals = 0; refusals < 10; refusals++) small.window.shrink(small.window.sent());
		expect(small.window.limit).toBe(1);
		roundTrip(small, 1_000);
		expect(small.window.limit).toBe(1);
	});
});
