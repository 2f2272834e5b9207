import type { Sandbox } from '../../sandbox/server';
import type { N8nInstall } from '../n8nInstall';
import type { N8nServer } from '../n8nServer';
import type { Report } from '../report';
import { triggerChecks } from './checks';
import { draftAwaitingReview } from './draftAwaitingReview';
import { LiveWorkflow } from './liveWorkflow';
import { observe } from './observe';
import { sendFailedAlert } from './sendFailedAlert';
import type { TriggerScenario } from './triggerScenario';

export const TRIGGER_SCENARIOS: TriggerScenario[] = [draftAwaitingReview, sendFailedAlert];

/**
 * The trigger examples published on `n8n start`, all at once (their waits overlap), then each
 * judged: only a published workflow's trigger polls (`n8n execute` never calls `poll()`).
 */
export async function checkTriggers(server: N8nServer, install: N8nInstall, report: Report, sandbox: Sandbox, titlePrefix = ''): Promise<void> {
	const started = Date.now();
	const observations = await Promise.all(
		TRIGGER_SCENARIOS.map(async (scenario) => await observe(scenario, new LiveWorkflow(server, install, scenario.workflow.id), sandbox)),
	);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	for (const [index, scenario] of TRIGGER_SCENARIOS.entries()) {
		report.section(`${titlePrefix}${scenario.title}`);
		if (index === 0) report.note(`both published together, polled every 5 s: ${seconds} s`);
		for (const [name, check] of Object.entries(triggerChecks(scenario, observations[index], sandbox))) await report.check(name, check);
	}
}
