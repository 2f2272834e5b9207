import assert from 'node:assert/strict';

import type { Sandbox } from '../../sandbox/server';
import type { Run } from './liveWorkflow';
import type { Observation } from './observe';
import type { Json, TriggerScenario } from './triggerScenario';

/** The checks of a trigger example's observation, by name (see observe.ts). */
export function triggerChecks(scenario: TriggerScenario, observation: Observation, sandbox: Sandbox): Record<string, () => void> {
	const { trigger, next } = scenario;
	const emitted = (runs: Run[]) => runs.flatMap((run) => run.execution.json(trigger)).map((json) => scenario.key(json));
	const checks: Record<string, () => void> = {
		'n8n published the workflow with polls every 5 s (twelve minute-granular crons) and the trigger active': () => {
			assert.equal(observation.activated.status, 'published', JSON.stringify(observation.activated));
			assert.deepEqual(observation.activated.triggers.map((entry) => entry.status), ['activated'], JSON.stringify(observation.activated.triggers));
		},
		'the live trigger ran its course (polls came, n8n answered)': () => assert.equal(observation.failure, undefined),
		'activation replayed no history: no execution at activation, none with a draft from before it': () => {
			assert.deepEqual(observation.afterActivation.map((run) => run.id), []);
			const expected = new Set(scenario.steps.flatMap((step, index) => step.emits(observation.steps[index]?.names ?? {})));
			const all = observation.steps.flatMap((step) => emitted(step.runs));
			assert.deepEqual(all.filter((key) => !expected.has(key)), [], 'emitted, but not made after activation');
		},
	};
	scenario.steps.forEach((step, index) => {
		const seen = observation.steps[index];
		if (step.fetches) {
			checks[`${step.what}, then Fetch Test Event: the newest matching draft at once, from the trigger alone`] = () => {
				assert.ok(seen?.fetched, 'not run');
				const { fetched } = seen;
				assert.equal(fetched.status, 'success', fetched.execution.failure);
				assert.deepEqual(fetched.execution.nodesRun, [trigger]);
				assert.deepEqual(fetched.execution.json(trigger).map((json) => scenario.key(json)), step.fetches?.(seen.names));
			};
			checks[`Fetch Test Event moved no state: no poll ran before it, and the live trigger still emits that draft, once`] = () => {
				assert.ok(seen, 'not run');
				assert.equal(seen.requestsDuringFetch, 1, 'a poll ran between the act and Fetch Test Event, so this run cannot tell');
				assert.deepEqual(emitted(seen.runs), step.emits(seen.names));
			};
		}
		checks[`${step.what}: the live trigger emits ${describe(step.emits(seen?.names ?? {}).length)}, each once, nothing else`] = () => {
			assert.ok(seen, 'not run');
			for (const run of seen.runs) assert.equal(run.status, 'success', `execution ${run.id}: ${run.execution.failure}`);
			assert.deepEqual(sorted(emitted(seen.runs)), sorted(step.emits(seen.names)));
		};
		checks[`${step.what}: ${next} outputs what it should for them`] = () => {
			assert.ok(seen, 'not run');
			const output = seen.runs.flatMap((run) => run.execution.json(next));
			assert.deepEqual(sorted(output), sorted(step.output(seen.names, sandbox)));
		};
	});
	checks['unpublished: n8n stops polling'] = () => {
		assert.equal(observation.deactivated?.status, 'not_published', JSON.stringify(observation.deactivated));
		assert.equal(observation.pollsAfterDeactivation, 0, 'polls after deactivation');
	};
	return checks;
}

const describe = (count: number) => (count === 0 ? 'nothing' : count === 1 ? 'one item' : `${count} items`);

/** Items in a stable order: emission order across polls is not the point here. */
function sorted<T extends string | Json>(values: T[]): T[] {
	return [...values].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
