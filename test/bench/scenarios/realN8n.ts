import { installedN8n } from '../../e2e/n8nInstall';
import { Sandbox } from '../../sandbox/server';
import { median } from '../measure';
import type { BranchFigures } from '../realN8n/measureRun';
import { type CredentialImport, RealN8n } from '../realN8n/n8n';
import { type Executed, executePlan, plan, type Plan } from '../realN8n/plan';
import { agentryRoutes, type ApiRoutes, hyperRepRoutes, type Route } from '../realN8n/routes';
import type { Branch } from '../realN8n/workflows';
import { type Check, format, type ScenarioResult } from '../report';

export interface RealN8nSettings {
	drafts: number;
	warmUpDrafts: number;
	/** Measured runs of each route, alternating: node, HTTP Request, node, ... */
	runs: number;
	latencies: number[];
	/** The faulted run: every `faultEvery`th create is answered 429 with Retry-After. */
	faultEvery: number;
	retryAfterS: number;
	faultLatencyMs: number;
}

const SCENARIO = 'Real n8n';
const TARGET_RATIO = 1;

function comparison(api: ApiRoutes, sandbox: Sandbox, settings: RealN8nSettings, latencyMs: number): Plan {
	const branches: Array<Omit<Branch, 'target'>> = [
		{ name: 'Node warm-up', route: 'node', leads: 'warmUp' },
		{ name: 'HTTP Request warm-up', route: 'httpRequest', leads: 'warmUp' },
	];
	for (let run = 1; run <= settings.runs; run++) {
		branches.push({ name: `Node run ${run}`, route: 'node', leads: 'measured' });
		branches.push({ name: `HTTP Request run ${run}`, route: 'httpRequest', leads: 'measured' });
	}
	return plan(api, sandbox, `${api.api} ${latencyMs} ms`, branches, { counts: countsOf(settings), latencyMs });
}

/**
 * The node, then HTTP Request with its defaults, which stops the workflow at the first 429 (the
 * node's run data is kept); HTTP Request with Retry On Fail in a workflow of its own.
 */
function faultedRuns(api: ApiRoutes, sandbox: Sandbox, settings: RealN8nSettings): Plan[] {
	const options = { counts: countsOf(settings), latencyMs: settings.faultLatencyMs, fault: { every: settings.faultEvery, retryAfterS: settings.retryAfterS } };
	return [
		plan(api, sandbox, `${api.api} faulted`, [
			{ name: 'Node faulted', route: 'node', leads: 'measured' },
			{ name: 'HTTP Request faulted', route: 'httpRequest', leads: 'measured' },
		], options),
		plan(api, sandbox, `${api.api} faulted, Retry On Fail`, [
			{ name: 'HTTP Request faulted, Retry On Fail', route: 'httpRequest', leads: 'measured', retryOnFail: true },
		], options),
	];
}

const countsOf = (settings: RealN8nSettings) => ({ warmUp: settings.warmUpDrafts, measured: settings.drafts });

const measuredOf = (executed: Executed, route: Route) =>
	executed.branches.filter((entry, index) => entry.route === route && executed.plan.branches[index].leads === 'measured');

function routeFigures(executed: Executed, route: Route) {
	const runs = measuredOf(executed, route);
	const times = runs.map((entry) => entry.ms ?? Number.NaN);
	return {
		ms: times,
		medianMs: median(times),
		inFlightMax: median(runs.map((entry) => entry.inFlightMax)),
		inFlightMean: median(runs.map((entry) => entry.inFlightMean)),
		runs,
	};
}

function comparisonFigures(executed: Executed) {
	const node = routeFigures(executed, 'node');
	const httpRequest = routeFigures(executed, 'httpRequest');
	const pairRatios = node.ms.map((ms, index) => ms / httpRequest.ms[index]);
	return {
		api: executed.plan.api.api,
		latencyMs: executed.plan.latencyMs,
		ratio: node.medianMs / httpRequest.medianMs,
		pairRatios,
		node,
		httpRequest,
		commandMs: executed.commandMs,
		problems: [...executed.problems, ...executed.branches.flatMap((entry) => entry.problems.map((problem) => `${entry.name}: ${problem}`))],
	};
}

type Comparison = ReturnType<typeof comparisonFigures>;

const inFlight = (figures: { inFlightMax: number; inFlightMean: number }) => `${figures.inFlightMax} / ${figures.inFlightMean.toFixed(1)}`;

function comparisonChecks(figures: Comparison, drafts: number): Check[] {
	const scenario = `${SCENARIO}: ${figures.api} create ×${drafts}, ${figures.latencyMs} ms latency`;
	const range = `pairs ${Math.min(...figures.pairRatios).toFixed(2)}–${Math.max(...figures.pairRatios).toFixed(2)}x`;
	return [
		{
			scenario,
			metric: 'node (default settings) vs HTTP Request, execution time',
			target: `<= ${format.ratio(TARGET_RATIO)}`,
			measured: `${format.ratio(figures.ratio)} (${format.ms(figures.node.medianMs)} vs ${format.ms(figures.httpRequest.medianMs)}, median of ${figures.node.ms.length}; ${range})`,
			pass: figures.ratio <= TARGET_RATIO,
		},
		{
			scenario,
			metric: 'requests in flight, max / mean (median of runs)',
			target: '',
			measured: `node ${inFlight(figures.node)}, HTTP Request ${inFlight(figures.httpRequest)}`,
		},
		{
			scenario,
			metric: `exactly ${drafts} created, output in input order`,
			target: 'every run',
			measured: figures.problems.length === 0 ? `all ${figures.node.ms.length} node and ${figures.httpRequest.ms.length} HTTP Request runs` : figures.problems.join('; '),
			pass: figures.problems.length === 0,
		},
	];
}

function refused(entry: BranchFigures): string {
	const counts = Object.entries(entry.refusals).map(([status, count]) => `${count}× ${status}`);
	return counts.length ? counts.join(', ') : 'none refused';
}

function faultedChecks(executed: Executed[], settings: RealN8nSettings): { figures: BranchFigures[]; checks: Check[] } {
	const figures = executed.flatMap((entry) => entry.branches);
	const api = executed[0].plan.api.api;
	const scenario = `${SCENARIO}: ${api} create ×${settings.drafts}, every ${settings.faultEvery}th answered 429 (Retry-After: ${settings.retryAfterS} s)`;
	const checks: Check[] = [];
	for (const entry of figures) {
		const outcome = `${entry.requests} requests (${refused(entry)}), ${entry.created} drafts for ${settings.drafts} leads (${entry.duplicated} duplicated), ${entry.outputItems} output items`;
		if (entry.route === 'node') {
			checks.push({
				scenario,
				metric: 'node (default settings): every item created exactly once, output in input order',
				target: 'yes',
				measured: entry.problems.length === 0 ? `yes, in ${format.ms(entry.ms ?? 0)}: ${outcome}` : `${entry.problems.join('; ')}${entry.error ? `; error: ${entry.error}` : ''}`,
				pass: entry.problems.length === 0 && !entry.error,
			});
		} else {
			checks.push({
				scenario,
				metric: entry.name.replace(' faulted', '').replace(',', ' with') + (entry.name.includes('Retry') ? '' : ' (defaults)'),
				target: '',
				measured: `${outcome}${entry.error ? `; stops the workflow: "${entry.error}"` : ''}`,
			});
		}
	}
	return { figures, checks };
}

function skipped(): ScenarioResult {
	return {
		name: SCENARIO,
		settings: {},
		figures: { skipped: true },
		checks: [{ scenario: SCENARIO, metric: 'skipped', target: '', measured: "the e2e lane's n8n is not installed: `npm run test:e2e` installs it once" }],
	};
}

/**
 * The same 300-lead create through the package's node (default settings) and through n8n's HTTP
 * Request node, in the e2e lane's real n8n (`n8n execute`), against the sandbox running in this
 * process (so its log's timestamps give the requests in flight). Skipped when that n8n is not
 * installed. Needs `dist/` built (npm run bench builds it).
 */
export async function realN8n(settings: RealN8nSettings): Promise<ScenarioResult> {
	const install = installedN8n();
	if (!install) return skipped();
	const sandbox = await Sandbox.start({ log: true });
	const n8n = RealN8n.create(install);
	try {
		const comparisons = [hyperRepRoutes, agentryRoutes].flatMap((api) => settings.latencies.map((latency) => comparison(api, sandbox, settings, latency)));
		const faulted = [hyperRepRoutes, agentryRoutes].map((api) => faultedRuns(api, sandbox, settings));
		const plans = [...comparisons, ...faulted.flat()];
		const credentials: CredentialImport[] = plans.flatMap((entry) => entry.built.credentials);
		await n8n.import(credentials, plans.map((entry) => entry.built.workflow));
		console.log(`  n8n ${install.n8nVersion} on Node.js ${install.nodeVersion}; package installed as a community package`);

		const compared: Comparison[] = [];
		for (const current of comparisons) {
			const figures = comparisonFigures(await executePlan(n8n, sandbox, current));
			console.log(`  ${figures.api} ${figures.latencyMs} ms: node ${figures.node.ms.map(format.ms).join(', ')}; HTTP Request ${figures.httpRequest.ms.map(format.ms).join(', ')} (${format.ratio(figures.ratio)})`);
			compared.push(figures);
		}
		const faultedResults = [];
		for (const group of faulted) {
			const executed: Executed[] = [];
			for (const current of group) executed.push(await executePlan(n8n, sandbox, current));
			faultedResults.push(faultedChecks(executed, settings));
			console.log(`  ${group[0].api.api} faulted: done`);
		}
		return {
			name: SCENARIO,
			settings: { ...settings, n8n: install.n8nVersion, node: install.nodeVersion },
			figures: { comparisons: compared, faulted: faultedResults.map((entry) => entry.figures) },
			checks: [...compared.flatMap((figures) => comparisonChecks(figures, settings.drafts)), ...faultedResults.flatMap((entry) => entry.checks)],
		};
	} finally {
		n8n.dispose();
		await sandbox.stop();
	}
}
