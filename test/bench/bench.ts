import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_MAX_CONCURRENCY } from '../../nodes/shared/descriptions';
import { useTemporaryUserFolder } from '../support/userFolder';
import { drawChart } from './chart';
import { MB } from './measure';
import { machine, printHeader, printTable, type ScenarioResult, writeJson } from './report';
import { SandboxClient } from './sandboxClient';
import { atCapacity } from './scenarios/atCapacity';
import { bulkCreate } from './scenarios/bulkCreate';
import { coldStart } from './scenarios/coldStart';
import { inputChecks } from './scenarios/inputChecks';
import { pollCost } from './scenarios/pollCost';
import { realN8n } from './scenarios/realN8n';
import { realN8nProfile } from './scenarios/realN8nProfile';
import { returnAll } from './scenarios/returnAll';
import { upload } from './scenarios/upload';

/**
 * `npm run bench [-- --latency=MS --only=returnAll,bulkCreate,atCapacity,coldStart,upload,pollCost,inputChecks,realN8n,realN8nProfile]`
 * --latency (or BENCH_LATENCY_MS) sets the simulated latency of Return All, Bulk create and
 * Trigger poll, which default to 5 ms, 20 ms and 5 ms, and the one latency of Real n8n (default:
 * 20 ms and 200 ms); --only runs some of the scenarios. Real n8n runs in the e2e lane's n8n and is
 * skipped, with a note, where that is not installed; Real n8n profile (only with --only) profiles
 * it with `node --cpu-prof` into bench-profiles/. Prints a table and writes every figure to
 * bench-results.json, and draws the ratios as a chart: docs/performance.svg for a run of every
 * default scenario, bench-chart.svg for a run of some.
 */

const ROOT = join(__dirname, '..', '..');
const SCENARIOS = ['returnAll', 'bulkCreate', 'atCapacity', 'coldStart', 'upload', 'pollCost', 'inputChecks', 'realN8n', 'realN8nProfile'] as const;
type ScenarioName = (typeof SCENARIOS)[number];
/** The profile is a tool for finding costs, not a figure: it runs when asked for. */
const BY_DEFAULT = SCENARIOS.filter((name) => name !== 'realN8nProfile');

interface Options {
	latencyMs?: number;
	only: ScenarioName[];
}

function flag(args: string[], name: string): string | undefined {
	const prefix = `--${name}=`;
	return args.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

function parseOptions(args: string[], env: NodeJS.ProcessEnv): Options {
	const latency = flag(args, 'latency') ?? env.BENCH_LATENCY_MS;
	const latencyMs = latency === undefined || latency === '' ? undefined : Number(latency);
	if (latencyMs !== undefined && !(Number.isInteger(latencyMs) && latencyMs >= 0)) {
		throw new Error(`The latency must be a whole number of milliseconds, not "${latency}"`);
	}
	const only = (flag(args, 'only')?.split(',') ?? BY_DEFAULT) as ScenarioName[];
	const unknown = only.filter((name) => !SCENARIOS.includes(name));
	if (unknown.length) throw new Error(`Unknown scenario ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}`);
	return { latencyMs, only };
}

async function main(): Promise<void> {
	const startedAt = new Date();
	const options = parseOptions(process.argv.slice(2), process.env);
	const host = machine();
	printHeader(host);

	const removeUserFolder = useTemporaryUserFolder();
	const sandbox = await SandboxClient.start();
	const scenarios: Record<ScenarioName, () => Promise<ScenarioResult>> = {
		returnAll: () => returnAll(sandbox, { drafts: 10_000, runs: 5, latencyMs: options.latencyMs ?? 5 }),
		bulkCreate: () =>
			bulkCreate(sandbox, { drafts: 1_000, concurrencies: [1, 5, 10, 20], defaultRawConcurrency: DEFAULT_MAX_CONCURRENCY, runs: 3, latencyMs: options.latencyMs ?? 20 }),
		// The cases of issue 17, at their own settings (--latency does not apply).
		atCapacity: () =>
			atCapacity(sandbox, {
				queue: { workers: 8, serviceMs: 20, drafts: 5_000, api: 'Agentry', fixedWindows: [5, 10, 20] },
				slowQueue: { workers: 1, serviceMs: 250, drafts: 200, api: 'HyperRep' },
				connectionCap: { maxConnections: 16, latencyMs: 20, drafts: 300, apis: ['HyperRep', 'Agentry'] },
			}),
		coldStart: async () => coldStart({ root: ROOT, runs: 5 }),
		upload: () => upload(sandbox, { bytes: 20 * MB, modes: ['filesystem', 'memory'] }),
		inputChecks: async () => inputChecks({ runs: 5 }),
		pollCost: () => pollCost(sandbox, { drafts: 10_000, newDrafts: [0, 1, 99, 250, 1000], latencyMs: options.latencyMs ?? 5 }),
		realN8n: () =>
			realN8n({
				drafts: 300,
				warmUpDrafts: 30,
				runs: 5,
				latencies: options.latencyMs === undefined ? [20, 200] : [options.latencyMs],
				faultEvery: 5,
				retryAfterS: 1,
				faultLatencyMs: options.latencyMs ?? 20,
			}),
		realN8nProfile: () =>
			realN8nProfile({ drafts: 300, warmUpDrafts: 30, latencyMs: options.latencyMs ?? 20, intervalUs: 200 }, join(ROOT, 'bench-profiles')),
	};
	const results: ScenarioResult[] = [];
	try {
		for (const name of options.only) {
			console.log(`\nRunning ${name}...`);
			results.push(await scenarios[name]());
		}
	} finally {
		await sandbox.stop();
		removeUserFolder();
	}
	printTable(results);
	const output = join(ROOT, 'bench-results.json');
	writeJson(output, host, results, startedAt);
	console.log(`Figures written to ${output}`);
	const complete = BY_DEFAULT.every((name) => options.only.includes(name));
	const chart = drawChart(results, `npm run bench, ${startedAt.toISOString().slice(0, 10)}: ${host.cpu}, ${host.cores} cores, Node ${host.node}`);
	if (chart) {
		const chartPath = join(ROOT, complete ? 'docs/performance.svg' : 'bench-chart.svg');
		writeFileSync(chartPath, chart);
		console.log(`Chart drawn in ${chartPath}`);
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
