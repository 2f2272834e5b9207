import { AdaptiveConcurrency, INITIAL_WINDOW, LATENCY_FLOOR, LATENCY_TOLERANCE } from '../../nodes/shared/concurrency';

/** `count` answers, each `latencyMs` after its request, sent in the window's current epoch. */
function answer(window: AdaptiveConcurrency, count: number, latencyMs: number) {
	for (let n = 0; n < count; n++) window.answered(latencyMs, window.epoch);
}

describe('the adaptive window', () => {
	test(`starts at ${INITIAL_WINDOW} and grows by two per answer while answers come as fast as the first`, () => {
		const window = new AdaptiveConcurrency(200);
		expect(window.limit).toBe(32);
		answer(window, 4, 20);
		expect(window.limit).toBe(40);
		answer(window, 100, 20 * LATENCY_TOLERANCE);
		expect(window.limit).toBe(200);
	});

	test('halves on push-back, once per burst, then grows by one per window of answers', () => {
		const window = new AdaptiveConcurrency(200);
		answer(window, 16, 20);
		expect(window.limit).toBe(64);
		const sent = window.epoch;
		for (let refusals = 0; refusals < 10; refusals++) window.shrink(sent);
		expect(window.limit).toBe(32);
		answer(window, 32, 20);
		expect(window.limit).toBe(32);
		answer(window, 1, 20);
		expect(window.limit).toBe(33);
	});

	test('one slow answer among fast ones does not narrow it', () => {
		const window = new AdaptiveConcurrency(200);
		answer(window, 8, 20);
		answer(window, 1, 60);
		expect(window.limit).toBe(50);
	});

	test('answers that stay slow narrow it, in proportion and once per round trip; slow start ends', () => {
		const window = new AdaptiveConcurrency(200);
		answer(window, 8, 20);
		const sent = window.epoch;
		// Requests wait in a queue: 60 ms where 20 ms was possible (30 ms tolerated).
		for (let n = 0; n < 20; n++) window.answered(60, sent);
		const narrowed = window.limit;
		expect(narrowed).toBeLessThan(48);
		expect(narrowed).toBeGreaterThanOrEqual(24);
		// Those were answers to requests sent before it narrowed: it narrowed once.
		expect(window.epoch).toBe(sent + 1);
		// A request sent since then that waited as long: about halves it again (30 / 60).
		window.answered(60, window.epoch);
		expect(window.limit).toBeGreaterThanOrEqual(Math.floor(narrowed / 2));
		expect(window.limit).toBeLessThanOrEqual(Math.ceil(narrowed * 0.6));
		// Fast again: once the smoothed latency is back, one more per window of answers, not two per answer.
		answer(window, 30, 20);
		const limit = window.limit;
		answer(window, limit + 1, 20);
		expect(window.limit).toBe(limit + 1);
	});

	test(`latency alone narrows it to ${LATENCY_FLOOR} at the least; push-back goes below`, () => {
		const window = new AdaptiveConcurrency(200);
		answer(window, 1, 20);
		for (let n = 0; n < 50; n++) window.answered(1_000, window.epoch);
		expect(window.limit).toBe(LATENCY_FLOOR);
		window.shrink(window.epoch);
		expect(window.limit).toBe(LATENCY_FLOOR / 2);
	});

	test('a slower API later in a long run is not taken for a queue: the fastest answer is forgotten', () => {
		const remembers = new AdaptiveConcurrency(200);
		answer(remembers, 1, 20);
		answer(remembers, 10, 35);
		expect(remembers.limit).toBeLessThan(200);

		const forgets = new AdaptiveConcurrency(200);
		answer(forgets, 1, 20);
		answer(forgets, 1_000, 25);
		// 20 ms is forgotten: 35 ms answers are within 1.5 × 25 ms.
		answer(forgets, 10, 35);
		expect(forgets.limit).toBe(200);
	});

	test('never goes below one nor above the maximum', () => {
		const small = new AdaptiveConcurrency(2);
		expect(small.limit).toBe(2);
		answer(small, 10, 20);
		expect(small.limit).toBe(2);
		for (let refusals = 0; refusals < 10; refusals++) small.shrink(small.epoch);
		expect(small.limit).toBe(1);
		for (let n = 0; n < 10; n++) small.answered(1_000, small.epoch);
		expect(small.limit).toBe(1);
	});
});
