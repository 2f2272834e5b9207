import { AdaptiveConcurrency, INITIAL_WINDOW, LATENCY_TOLERANCE } from '../../nodes/shared/concurrency';

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

	test('narrows when answers slow down: to what would have kept them within the tolerance, once per round trip', () => {
		const window = new AdaptiveConcurrency(200);
		answer(window, 8, 20);
		expect(window.limit).toBe(48);
		// Requests now wait in a queue: 40 ms where 20 ms was possible, 30 ms tolerated.
		const sent = window.epoch;
		window.answered(40, sent);
		expect(window.limit).toBe(36);
		// Answers to requests sent before that narrowing don't narrow again, nor widen it.
		for (let n = 0; n < 20; n++) window.answered(60, sent);
		expect(window.limit).toBe(36);
		// A request sent since then that still waited: at most halves.
		window.answered(200, window.epoch);
		expect(window.limit).toBe(18);
		// Slow start is over: fast answers widen it by one per window of answers.
		answer(window, 19, 20);
		expect(window.limit).toBe(19);
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
