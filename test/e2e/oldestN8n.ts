import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { cacheRoot, type N8nInstall } from './n8nInstall';

/**
 * The oldest n8n the package supports, as far as the package can tell: the n8n-workflow it ships
 * (`oldest/`, pinned with a lock file of its own; n8n 1.85 ships n8n-workflow 1.83.0, the first to
 * export NodeConnectionTypes). Installed into the lane's cache beside n8n, loaded by the lane's
 * Node.js with nothing but that n8n-workflow to resolve.
 */

const PIN_FOLDER = join(__dirname, 'oldest');
const PIN_FILES = ['package.json', 'package-lock.json'];

export interface OldestWorkflow {
	/** A `node_modules` holding that n8n-workflow and its dependencies (luxon among them). */
	modules: string;
	version: string;
	names: Set<string>;
}

export function ensureOldestWorkflow(install: N8nInstall): OldestWorkflow {
	const hash = createHash('sha256');
	for (const file of PIN_FILES) hash.update(readFileSync(join(PIN_FOLDER, file)));
	const root = join(cacheRoot(), `oldest-${hash.digest('hex').slice(0, 16)}`);
	if (!existsSync(join(root, '.installed'))) {
		rmSync(root, { recursive: true, force: true });
		mkdirSync(root, { recursive: true });
		for (const file of PIN_FILES) copyFileSync(join(PIN_FOLDER, file), join(root, file));
		const result = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`Installing ${PIN_FOLDER} failed: ${result.stderr}`);
		writeFileSync(join(root, '.installed'), `${new Date().toISOString()}\n`);
	}
	const modules = join(root, 'node_modules');
	const exported = run(install, modules, `
		const workflow = require('n8n-workflow');
		const { version } = require('n8n-workflow/package.json');
		console.log(JSON.stringify({ version, names: Object.keys(workflow) }));`);
	return { modules, version: exported.version as string, names: new Set(exported.names as string[]) };
}

/**
 * Loads the installed package the way n8n's loader does (its index, each node and credential class
 * instantiated, each description read) with only the oldest n8n-workflow to resolve. Returns the
 * node and credential names it found.
 */
export function loadAgainstOldest(install: N8nInstall, oldest: OldestWorkflow, packageDir: string): string[] {
	const loaded = run(install, oldest.modules, `
		const entry = require(${JSON.stringify(join(packageDir, 'dist', 'index.js'))});
		const names = Object.values(entry).map((Class) => {
			const instance = new Class();
			return instance.description ? instance.description.name + ':' + instance.description.properties.length : instance.name;
		});
		console.log(JSON.stringify({ names }));`);
	return loaded.names as string[];
}

function run(install: N8nInstall, modules: string, script: string): Record<string, unknown> {
	// NODE_PATH is the only place the package can find n8n-workflow: it is installed without it.
	const result = spawnSync(install.node, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_PATH: modules } });
	if (result.status !== 0) throw new Error(`Loading against the oldest n8n-workflow failed: ${result.stderr.slice(0, 1000)}`);
	return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}
