import fc from 'fast-check';

import { MAX_REPORTED, ReportedEvents } from '../../nodes/shared/reportedEvents';

/** The memory as the next poll loads it from static data. */
function reloaded(memory: ReportedEvents): ReportedEvents {
	const { floor, episodes } = memory.bounded();
	return new ReportedEvents(floor, new Map(episodes));
}

describe('ReportedEvents', () => {
	test('an episode reported stays reported through any number of other episodes and polls; the stored memory never exceeds its bound', () => {
		const episode = fc.tuple(fc.integer({ min: 0, max: 2000 }).map((n) => `draft_${n}`), fc.integer({ min: 0, max: 5000 }));
		fc.assert(
			fc.property(fc.array(fc.array(episode, { maxLength: 400 }), { minLength: 1, maxLength: 6 }), (polls) => {
				let memory = new ReportedEvents();
				const latest = new Map<string, number>();
				for (const poll of polls) {
					for (const [id, key] of poll) {
						if (!memory.has(id, key)) memory.record(id, key);
						latest.set(id, key);
					}
					memory = reloaded(memory);
					expect(memory.bounded().episodes.length).toBeLessThanOrEqual(MAX_REPORTED);
				}
				for (const [id, key] of latest) expect(memory.has(id, key)).toBe(true);
			}),
			{ numRuns: 50 },
		);
	});

	test('an episode after the floor that was never reported is new; one at or before it counts as reported', () => {
		let memory = new ReportedEvents();
		for (let key = 1; key <= MAX_REPORTED + 10; key++) memory.record(`draft_${key}`, key);
		memory = reloaded(memory);
		// The ten earliest were forgotten: the floor is the latest of them.
		expect(memory.bounded().floor).toBe(10);
		expect(memory.has('draft_new', 10)).toBe(true);
		expect(memory.has('draft_new', 11)).toBe(false);
		expect(memory.has('draft_11', 11)).toBe(true);
		memory.forget('draft_11');
		expect(memory.has('draft_11', 11)).toBe(false);
	});
});
