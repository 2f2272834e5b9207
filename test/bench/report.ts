import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

import { MB } from './measure';

/** One line of the table: a figure, and its target when it has one. */
export interface Check {
	scenario: string;
	metric: string;
	/** Empty for a figure reported for information. */
	target: string;
	measured: string;
	/** Undefined for a figure reported for information. */
	pass?: boolean;
}

export interface ScenarioResult {
	name: string;
	settings: Record<string, unknown>;
	/** Every figure measured, for the JSON file. */
	figures: unknown;
	checks: Check[];
}

export interface Machine {
	cpu: string;
	cores: number;
	totalMemoryMb: number;
	node: string;
	platform: string;
}

export function machine(): Machine {
	return {
		cpu: cpus()[0]?.model.trim() ?? 'unknown',
		cores: cpus().length,
		totalMemoryMb: Math.round(totalmem() / MB),
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
	};
}

export const HOW_NODES_RUN =
	'Nodes run from their TypeScript source (ts-node --transpile-only) through n8n-core WorkflowExecute (test/harness); ' +
	'the sandbox runs in a child process of its own. MB = 1,000,000 bytes.';

export function printHeader(host: Machine): void {
	console.log(`Benchmark of ${process.env.npm_package_name ?? 'the package'}`);
	console.log(`Machine: ${host.cpu}, ${host.cores} cores, ${host.totalMemoryMb} MB RAM, Node ${host.node} (${host.platform})`);
	console.log(HOW_NODES_RUN);
}

function verdict(check: Check): string {
	if (check.pass === undefined) return 'info';
	return check.pass ? 'PASS' : 'FAIL';
}

export function printTable(results: ScenarioResult[]): void {
	const header = ['Scenario', 'Metric', 'Target', 'Measured', 'Result'];
	const rows = results.flatMap((result) =>
		result.checks.map((check) => [check.scenario, check.metric, check.target || '-', check.measured, verdict(check)]),
	);
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ');
	console.log(['', line(header), widths.map((width) => '-'.repeat(width)).join('-+-'), ...rows.map(line)].join('\n'));

	const checks = results.flatMap((result) => result.checks).filter((check) => check.pass !== undefined);
	const failed = checks.filter((check) => !check.pass);
	console.log(`\n${checks.length - failed.length} of ${checks.length} targets met${failed.length ? `; missed: ${failed.map((check) => `${check.scenario} / ${check.metric}`).join('; ')}` : ''}`);
}

export function writeJson(path: string, host: Machine, results: ScenarioResult[], startedAt: Date): void {
	const document = {
		startedAt: startedAt.toISOString(),
		durationS: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
		machine: host,
		method: HOW_NODES_RUN,
		scenarios: results,
	};
	writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}

/** Formatting helpers for the Measured column. */
export const format = {
	ms: (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`),
	mb: (bytes: number) => `${(bytes / MB).toFixed(1)} MB`,
	ratio: (value: number) => `${value.toFixed(2)}x`,
};
