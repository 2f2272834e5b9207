import { execFileSync } from 'node:child_process';

import { median } from '../measure';
import { type Check, format, type ScenarioResult } from '../report';

export interface ColdStartSettings {
	/** The package root: package.json, dist/ and node_modules/. */
	root: string;
	/** Fresh processes to measure; the median counts. */
	runs: number;
}

const SCENARIO = 'Cold start';
const LOAD_TARGET_MS = 50;
const PACK_TARGET_BYTES = 150_000;

/**
 * Loads every node and credential listed in package.json's `n8n` section from dist/ and makes an
 * instance of each class, as n8n's loader does. n8n-workflow is loaded first and timed apart:
 * in n8n it is already in memory when community packages load.
 */
const LOAD_SCRIPT = `
const { performance } = require('node:perf_hooks');
const { resolve } = require('node:path');
const { n8n } = require('./package.json');
const files = [...n8n.credentials, ...n8n.nodes].map((file) => resolve(file));
const started = performance.now();
require('n8n-workflow');
const peerLoaded = performance.now();
for (const file of files) for (const Class of Object.values(require(file))) new Class();
const done = performance.now();
console.log(JSON.stringify({ files: files.length, peerMs: peerLoaded - started, packageMs: done - peerLoaded }));
`;

interface LoadTiming {
	files: number;
	peerMs: number;
	packageMs: number;
}

interface PackSummary {
	size: number;
	unpackedSize: number;
	entryCount: number;
}

function loadOnce(root: string): LoadTiming {
	return JSON.parse(execFileSync(process.execPath, ['-e', LOAD_SCRIPT], { cwd: root, encoding: 'utf8' })) as LoadTiming;
}

function packSummary(root: string): PackSummary {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [{ size, unpackedSize, entryCount }] = JSON.parse(output) as PackSummary[];
	return { size, unpackedSize, entryCount };
}

export function coldStart(settings: ColdStartSettings): ScenarioResult {
	const timings = Array.from({ length: settings.runs }, () => loadOnce(settings.root));
	const packageMs = median(timings.map((timing) => timing.packageMs));
	const peerMs = median(timings.map((timing) => timing.peerMs));
	const pack = packSummary(settings.root);
	const checks: Check[] = [
		{
			scenario: SCENARIO,
			metric: `load ${timings[0].files} nodes and credentials from dist/`,
			target: `< ${LOAD_TARGET_MS} ms`,
			measured: `${format.ms(packageMs)} (+ ${format.ms(peerMs)} for n8n-workflow, loaded by n8n already)`,
			pass: packageMs < LOAD_TARGET_MS,
		},
		{
			scenario: SCENARIO,
			metric: 'npm pack tarball',
			target: `< ${PACK_TARGET_BYTES / 1000} kB`,
			measured: `${(pack.size / 1000).toFixed(1)} kB (${pack.entryCount} files, ${(pack.unpackedSize / 1000).toFixed(1)} kB unpacked)`,
			pass: pack.size < PACK_TARGET_BYTES,
		},
	];
	return { name: SCENARIO, settings: { ...settings }, figures: { loads: timings, packageMs, peerMs, pack }, checks };
}
