import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { seedDemo } from '../sandbox/seed';
import { Sandbox } from '../sandbox/server';
import { ScriptedChatModel } from './chatModel';
import { installCommunityPackage, pack } from './communityPackage';
import { checkEditor } from './editor';
import { Execution } from './execution';
import { snapshotRealN8nFolder } from './homeFolder';
import { ensureN8n, type N8nInstall } from './n8nInstall';
import { N8nServer } from './n8nServer';
import { cleanUpOnExit } from './processes';
import { Report } from './report';
import type { Lane, Scenario } from './scenario';
import { SCENARIOS } from './scenarios';
import { checkQueueMode } from './queue';
import { checkTriggers } from './triggers';
import { checkWebhooks } from './webhooks';
import { importInto, n8nCommand } from './userFolder';
import { readExamples } from './workflow';
import { ensureOldestWorkflow, loadAgainstOldest } from './oldestN8n';
import { exportedSymbols, importedSymbols } from './workflowSymbols';

/**
 * `npm run test:e2e`: the package in a real, pinned n8n, installed as a user installs it; the
 * examples and the lane's own workflows run by `n8n execute` against the sandbox; the editor's
 * REST API checked on `n8n start`, and the webhook and trigger examples published there; then queue mode (queue/). Ends with `N passed, M failed`, non-zero on any failure.
 */

const ROOT = join(__dirname, '..', '..');

async function runScenario(report: Report, install: N8nInstall, userFolder: string, lane: Lane, scenario: Scenario): Promise<void> {
	report.section(scenario.title);
	lane.sandbox.reset();
	seedDemo(lane.sandbox);
	scenario.prepare?.(lane);
	const started = Date.now();
	const result = await n8nCommand(install, userFolder, ['execute', `--id=${scenario.workflow.id}`, '--rawOutput']);
	const run = Execution.parse(result.code, result.stdout, result.stderr);
	report.note(`n8n execute --id=${scenario.workflow.id}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	await report.check('n8n execute finished the workflow without error', () => assert.ok(run.succeeded, run.failure));
	for (const [name, check] of Object.entries(scenario.checks(run, lane))) await report.check(name, check);
}

const report = new Report();

async function main(): Promise<void> {
	cleanUpOnExit();
	const startedAt = Date.now();
	const realN8nFolder = snapshotRealN8nFolder();
	const work = mkdtempSync(join(tmpdir(), 'n8n-nodes-hyperrep-agentry-e2e-'));
	process.on('exit', () => rmSync(work, { recursive: true, force: true }));
	const userFolder = join(work, 'user');

	report.section('Setup');
	const install = ensureN8n((line) => report.note(line));
	report.note(`n8n ${install.n8nVersion} on Node.js ${install.nodeVersion} (${install.root})`);
	const sandbox = await Sandbox.start();
	const chatModel = await ScriptedChatModel.start();
	const lane: Lane = { sandbox, chatModel };
	try {
		await report.check('the packed package installs as a community package, alone (n8n-workflow is n8n’s own)', () => {
			const installed = installCommunityPackage(userFolder, pack(work));
			assert.deepEqual(installed, ['n8n-nodes-hyperrep-agentry']);
		});
		await report.check('n8n imports the credentials and every workflow', () =>
			importInto(install, userFolder, lane, [...readExamples(), ...SCENARIOS.map((scenario) => scenario.workflow)]),
		);
		await report.check("every value dist/ imports from n8n-workflow exists in n8n's own n8n-workflow", () => {
			const exported = exportedSymbols(install);
			const missing = [...importedSymbols(join(ROOT, 'dist'))].filter(([symbol]) => !exported.names.has(symbol));
			assert.deepEqual(missing.map(([symbol, files]) => `${symbol} (${files.join(', ')})`), [], `missing from n8n-workflow ${exported.version}`);
		});
		await report.check('the oldest supported n8n (1.85, n8n-workflow 1.83.0) has every value dist/ imports, and loads the packed package', () => {
			const oldest = ensureOldestWorkflow(install);
			const missing = [...importedSymbols(join(ROOT, 'dist'))].filter(([symbol]) => !oldest.names.has(symbol));
			assert.deepEqual(missing.map(([symbol]) => symbol), [], `missing from n8n-workflow ${oldest.version}`);
			const loaded = loadAgainstOldest(install, oldest, join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-hyperrep-agentry'));
			assert.equal(loaded.length, 6, `loaded: ${loaded.join(', ')}`);
		});

		for (const scenario of SCENARIOS) await runScenario(report, install, userFolder, lane, scenario);

		report.section('The editor: n8n start and its REST API');
		sandbox.reset();
		seedDemo(sandbox);
		const server = await N8nServer.start(install, userFolder);
		try {
			await checkEditor(server, report, sandbox);
			await checkWebhooks(server, install, report, sandbox);
			sandbox.reset();
			seedDemo(sandbox);
			await checkTriggers(server, install, report, sandbox);
		} finally {
			await server.stop();
		}

		await checkQueueMode(report, install, lane, userFolder, work);
	} finally {
		await chatModel.stop();
		await sandbox.stop();
	}

	report.section('Clean-up');
	await report.check('the real ~/.n8n is untouched', () => assert.equal(snapshotRealN8nFolder(), realN8nFolder));
	report.note(`Took ${Math.round((Date.now() - startedAt) / 1000)} s.`);
}

main()
	.catch((error: unknown) =>
		report.check('the lane ran to its end', () => {
			throw error;
		}),
	)
	.finally(() => process.exit(report.finish() > 0 ? 1 : 0));
