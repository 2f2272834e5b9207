import { setTimeout as sleep } from 'node:timers/promises';

import type { Sandbox } from '../../sandbox/server';
import { EVERY_FIVE_SECONDS, type LiveWorkflow, POLL_PERIOD_MS, type PublicationStatus, type Run } from './liveWorkflow';
import type { Names, TriggerScenario } from './triggerScenario';

/**
 * What happened while a trigger example was live: what n8n ran after each step, what Fetch Test
 * Event returned. The checks (checks.ts) judge it afterwards, so that the examples can be live
 * at the same time and share the waiting.
 */

export interface StepObservation {
	names: Names;
	/** The executions n8n started from the act on (polls until three more polls had begun). */
	runs: Run[];
	fetched?: Run;
	/** The trigger's list requests from the act until Fetch Test Event finished: 1 is the fetch alone, no poll in between. */
	requestsDuringFetch?: number;
}

export interface Observation {
	activated: PublicationStatus;
	/** Executions that existed right after activation. */
	afterActivation: Run[];
	steps: StepObservation[];
	deactivated?: PublicationStatus;
	/** Polls that reached the sandbox in the poll period after deactivation. */
	pollsAfterDeactivation?: number;
	/** What stopped the observation early (a timeout, an n8n error). */
	failure?: string;
}

/** Polls to wait for after an act: one that sees it, one that must not emit it again, and one more so that the second's execution exists. */
const POLLS_PER_STEP = 3;

function countPolls(sandbox: Sandbox, scenario: TriggerScenario, from: number): number {
	return sandbox.log.slice(from).filter((request) => scenario.isPoll(request)).length;
}

async function waitForPolls(sandbox: Sandbox, scenario: TriggerScenario, count: number, from: number, timeoutMs = 90_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (countPolls(sandbox, scenario, from) < count) {
		if (Date.now() > deadline) throw new Error(`${scenario.workflow.name}: fewer than ${count} polls in ${timeoutMs / 1000} s`);
		await sleep(100);
	}
}

export async function observe(scenario: TriggerScenario, live: LiveWorkflow, sandbox: Sandbox): Promise<Observation> {
	scenario.history(sandbox);
	const version = await live.setPollTimes(scenario.trigger, EVERY_FIVE_SECONDS);
	const activated = await live.activate(version);
	const seen = new Set<string>();
	const newRuns = async () => {
		const fresh = (await live.executions()).filter((summary) => !seen.has(summary.id));
		for (const summary of fresh) seen.add(summary.id);
		return await Promise.all(fresh.map((summary) => live.finishedRun(summary.id)));
	};
	const observation: Observation = { activated, afterActivation: [], steps: [] };
	try {
		if (activated.status !== 'published') throw new Error(`n8n did not publish the workflow: ${JSON.stringify(activated)}`);
		observation.afterActivation = await newRuns();
		for (const step of scenario.steps) {
			// Right after a poll, so that Fetch Test Event runs well before the next one.
			if (step.fetches) await waitForPolls(sandbox, scenario, 1, sandbox.log.length);
			const actedAt = sandbox.log.length;
			const names = step.act(sandbox, Object.assign({}, ...observation.steps.map((done) => done.names)));
			const fetched = step.fetches ? await live.fetchTestEvent(scenario.trigger) : undefined;
			const fetchedAt = sandbox.log.length;
			await waitForPolls(sandbox, scenario, POLLS_PER_STEP, fetchedAt);
			const runs = (await newRuns()).filter((run) => run.mode !== 'manual');
			const requestsDuringFetch = fetched && countPolls(sandbox, scenario, actedAt) - countPolls(sandbox, scenario, fetchedAt);
			observation.steps.push({ names, runs, fetched, requestsDuringFetch });
		}
	} catch (error) {
		observation.failure = error instanceof Error ? error.message : String(error);
	} finally {
		observation.deactivated = await live.deactivate();
		const stoppedAt = sandbox.log.length;
		await sleep(POLL_PERIOD_MS + 1000);
		observation.pollsAfterDeactivation = countPolls(sandbox, scenario, stoppedAt);
	}
	return observation;
}
