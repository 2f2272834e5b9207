import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { seedDemo } from '../../sandbox/seed';
import type { N8nInstall } from '../n8nInstall';
import type { Report } from '../report';
import type { Lane } from '../scenario';
import { checkTriggers, TRIGGER_SCENARIOS } from '../triggers';
import { importInto } from '../userFolder';
import { checkCrash } from './checks';
import { newEncryptionKey, processFolder, QueueCluster, queueEnvironment } from './cluster';
import { LEAD_FLOWS } from './leads';
import { type Binaries, ensureBinaries, type Service, startPostgres, startRedis } from './services';

/**
 * The queue-mode leg: n8n's distributed engine (main, two workers, PostgreSQL, Redis), where a
 * worker can die mid-run and a webhook can come twice. Lead webhooks with a Deduplication Key,
 * a worker killed with SIGKILL, the webhooks sent again: every lead has exactly one draft. Then
 * both trigger examples published on main, their executions run by the workers: each draft once.
 */

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export async function checkQueueMode(report: Report, install: N8nInstall, lane: Lane, userFolder: string, work: string): Promise<void> {
	const started = Date.now();
	report.section('Queue mode: n8n main and two workers, PostgreSQL and Redis (Debian packages), on loopback');
	let binaries: Binaries | undefined;
	await report.check("Debian's redis-server and postgresql are there (installed with apt-get when missing, as root)", () => {
		binaries = ensureBinaries((line) => report.note(line));
	});
	if (!binaries) return;

	const root = join(work, 'queue');
	mkdirSync(root, { recursive: true });
	const nodes = join(userFolder, '.n8n', 'nodes');
	const services: Service[] = [];
	let cluster: QueueCluster | undefined;
	try {
		const ready = await report.check('PostgreSQL and Redis start, n8n imports into PostgreSQL, main and two workers start (EXECUTIONS_MODE=queue)', async () => {
			if (!binaries) return;
			const redis = await startRedis(binaries, root);
			services.push(redis);
			const postgres = await startPostgres(binaries);
			services.push(postgres);
			const env = queueEnvironment(postgres, redis, newEncryptionKey());
			const workflows = [...LEAD_FLOWS.map((flow) => flow.workflow), ...TRIGGER_SCENARIOS.map((scenario) => scenario.workflow)];
			await importInto(install, processFolder(root, 'import', nodes), lane, workflows, env);
			report.note(`PostgreSQL and Redis up, n8n's import done (with the database's migrations): ${seconds(started)}`);
			const workers = ['worker1', 'worker2'].map((name) => processFolder(root, name, nodes));
			cluster = await QueueCluster.start(install, env, processFolder(root, 'main', nodes), workers);
		});
		report.note(`started in ${seconds(started)}`);
		if (!ready || !cluster) return;

		await checkCrash(report, cluster, install, lane.sandbox);

		lane.sandbox.reset();
		seedDemo(lane.sandbox);
		await checkTriggers(cluster.main, install, report, lane.sandbox, 'Queue mode: ');
	} finally {
		await cluster?.stop();
		for (const service of services.reverse()) await service.stop();
		report.note(`Queue mode took ${seconds(started)}.`);
	}
}
