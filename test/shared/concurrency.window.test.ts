import { AdaptiveConcurrency, INITIAL_WINDOW, LATENCY_FLOOR } from '../../nodes/shared/concurrency';

/** A window on a clock the test moves. */
function windowOf(max = 200) {
	const clock = { ms: 0 };
	return { window: new AdaptiveConcurrency(max, () => clock.ms), clock };
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

	test('one slow answer among fast ones does not narrow it', () => {
		const run = windowOf();
		roundTrip(run, 20, 8);
		roundTrip(run, 60, 1);
		expect(run.window.limit).toBe(50);
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

	test('answers slowed by something else (n8n busy): a narrowing that costs throughput is undone', () => {
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
