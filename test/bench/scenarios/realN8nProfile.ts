import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { installedN8n } from '../../e2e/n8nInstall';
import { PACKAGE } from '../../e2e/workflow';
import { Sandbox } from '../../sandbox/server';
import { type Attribution, attribute, epochToMonotonicUs, readMainProfile } from '../realN8n/cpuProfile';
import { RealN8n } from '../realN8n/n8n';
import { executePlan, plan } from '../realN8n/plan';
import { agentryRoutes, hyperRepRoutes, type Route } from '../realN8n/routes';
import { type Check, type ScenarioResult } from '../report';

export interface RealN8nProfileSettings {
	drafts: number;
	warmUpDrafts: number;
	latencyMs: number;
	/** Sampling interval of `--cpu-prof` (µs). */
	intervalUs: number;
}

const SCENARIO = 'Real n8n profile';
/** Where each route's own code lives in the n8n process. */
const OWN_CODE: Record<Route, string> = {
	node: `/${PACKAGE}/dist/`,
	httpRequest: '/n8n-nodes-base/dist/nodes/HttpRequest/',
};
const SHOWN = 6;

const perItem = (us: number, items: number) => `${(us / items / 1000).toFixed(2)} ms`;

function sum(bucket: Record<string, number>): number {
	return Object.values(bucket).reduce((total, us) => total + us, 0);
}

/** The largest entries of a bucket, per item. */
function top(bucket: Record<string, number>, items: number): string {
	return Object.entries(bucket)
		.sort(([, a], [, b]) => b - a)
		.slice(0, SHOWN)
		.map(([name, us]) => `${name} ${perItem(us, items)}`)
		.join('; ');
}

function checksOf(api: string, route: Route, profile: Attribution, items: number, ms: number): Check[] {
	const scenario = `${SCENARIO}: ${api} create ×${items}, ${route === 'node' ? 'node (default settings)' : 'HTTP Request'}`;
	return [
		{
			scenario,
			metric: 'CPU per item while it runs (idle apart)',
			target: '',
			measured: `${perItem(profile.busyUs, items)} (run ${ms} ms, idle ${perItem(profile.idleUs, items)})`,
		},
		{ scenario, metric: "per item: its own functions; n8n's work by kind", target: '', measured: `own ${perItem(profile.ownUs, items)}; ${top(profile.categoryUs, items)}` },
		{ scenario, metric: 'per item: else called from its code', target: '', measured: `${perItem(sum(profile.calledUs), items)}: ${top(profile.calledUs, items)}` },
		{ scenario, metric: 'per item: else, by package', target: '', measured: `${perItem(sum(profile.outsideUs), items)}: ${top(profile.outsideUs, items)}` },
	];
}

/**
 * One 300-lead create through the node and one through HTTP Request, each after a warm-up, in
 * the e2e lane's n8n run with `node --cpu-prof`: the CPU time of each run split by whose code ran.
 */
export async function realN8nProfile(settings: RealN8nProfileSettings, folder: string): Promise<ScenarioResult> {
	const install = installedN8n();
	if (!install) {
		return { name: SCENARIO, settings: {}, figures: { skipped: true }, checks: [{ scenario: SCENARIO, metric: 'skipped', target: '', measured: "the e2e lane's n8n is not installed: `npm run test:e2e` installs it once" }] };
	}
	rmSync(folder, { recursive: true, force: true });
	const sandbox = await Sandbox.start({ log: true });
	const n8n = RealN8n.create(install);
	try {
		const counts = { warmUp: settings.warmUpDrafts, measured: settings.drafts };
		const plans = [hyperRepRoutes, agentryRoutes].map((api) =>
			plan(api, sandbox, `${api.api} profile`, [
				{ name: 'Node warm-up', route: 'node', leads: 'warmUp' },
				{ name: 'HTTP Request warm-up', route: 'httpRequest', leads: 'warmUp' },
				{ name: 'Node profiled', route: 'node', leads: 'measured' },
				{ name: 'HTTP Request profiled', route: 'httpRequest', leads: 'measured' },
			], { counts, latencyMs: settings.latencyMs }),
		);
		await n8n.import(plans.flatMap((entry) => entry.built.credentials), plans.map((entry) => entry.built.workflow));
		const toMonotonic = epochToMonotonicUs();
		const figures = [];
		const checks: Check[] = [];
		for (const current of plans) {
			const profiles = join(folder, current.api.api);
			mkdirSync(profiles, { recursive: true });
			const executed = await executePlan(n8n, sandbox, current, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles} --cpu-prof-interval=${settings.intervalUs}` });
			if (executed.problems.length) throw new Error(`${SCENARIO}: ${executed.problems.join('; ')}`);
			const profile = readMainProfile(profiles);
			for (const branch of executed.branches.filter((_, index) => current.branches[index].leads === 'measured')) {
				const start = toMonotonic(branch.startTime as number);
				const attribution = attribute(profile, start, start + (branch.ms as number) * 1000, OWN_CODE[branch.route]);
				figures.push({ api: current.api.api, route: branch.route, ms: branch.ms, items: settings.drafts, ...attribution });
				checks.push(...checksOf(current.api.api, branch.route, attribution, settings.drafts, branch.ms as number));
			}
			console.log(`  ${current.api.api}: profiles in ${profiles}`);
		}
		return { name: SCENARIO, settings: { ...settings, n8n: install.n8nVersion, node: install.nodeVersion }, figures, checks };
	} finally {
		n8n.dispose();
		await sandbox.stop();
	}
}
