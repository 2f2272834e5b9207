import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import { seedDemo } from '../../sandbox/seed';
import type { Sandbox } from '../../sandbox/server';
import type { N8nInstall } from '../n8nInstall';
import type { N8nServer } from '../n8nServer';
import type { Report } from '../report';
import { LiveWorkflow, type Run } from '../triggers/liveWorkflow';
import { pipedriveFollowUp } from './pipedriveFollowUp';
import { pipedriveLead } from './pipedriveLead';
import { pinnedBody, webhookPath, type WebhookScenario } from './webhookScenario';

export const WEBHOOK_SCENARIOS: WebhookScenario[] = [pipedriveLead, pipedriveFollowUp];

/** Its one execution, once n8n has finished it (n8n answers the webhook before the run ends). */
async function onlyRun(live: LiveWorkflow, timeoutMs = 120_000): Promise<Run> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = await live.executions();
		if (executions.length > 0 || Date.now() > deadline) {
			assert.equal(executions.length, 1, 'executions of the workflow');
			return await live.finishedRun(executions[0].id, timeoutMs);
		}
		await sleep(250);
	}
}

/**
 * Each webhook example published on `n8n start`, called once at its production URL with the
 * request pinned on its Webhook node, its execution read back from n8n and judged with the sandbox.
 */
export async function checkWebhooks(server: N8nServer, install: N8nInstall, report: Report, sandbox: Sandbox): Promise<void> {
	for (const scenario of WEBHOOK_SCENARIOS) {
		report.section(scenario.title);
		sandbox.reset();
		seedDemo(sandbox);
		const live = new LiveWorkflow(server, install, scenario.workflow.id);
		const versionId = await live.saveParameters(scenario.changes ?? {});
		const published = await live.activate(versionId);
		let run: Run | undefined;
		try {
			await report.check('n8n published the workflow and its webhook', () => assert.equal(published.status, 'published', JSON.stringify(published)));
			await report.check('the request the CRM posts is answered 200 at the production URL', async () => {
				const response = await fetch(`${server.url}/webhook/${webhookPath(scenario)}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', 'User-Agent': 'Pipedrive Webhooks' },
					body: JSON.stringify(pinnedBody(scenario)),
				});
				assert.equal(response.status, 200, await response.text());
				run = await onlyRun(live);
			});
			await report.check('n8n ran the workflow to its end without error', () => {
				assert.ok(run, 'no execution');
				assert.equal(run.status, 'success', run.execution.failure);
				assert.equal(run.mode, 'webhook');
			});
			if (run) for (const [name, check] of Object.entries(scenario.checks(run.execution, sandbox))) await report.check(name, check);
		} finally {
			await live.deactivate();
		}
	}
}
