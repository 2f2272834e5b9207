import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

import { ensureN8n, type N8nInstall } from '../e2e/n8nInstall';
import { N8nServer, OWNER } from '../e2e/n8nServer';
import { cleanUpOnExit, startProcess, stopProcess } from '../e2e/processes';
import { importInto } from '../e2e/userFolder';
import { PACKAGE, readExamples } from '../e2e/workflow';
import { seedDemo } from '../sandbox/seed';
import { Sandbox } from '../sandbox/server';

/**
 * `npm run dev`: the e2e lane's pinned n8n (installed on first use) with this working copy of the
 * package, the sandbox API with its demo seed, both credentials pointing at it, the examples
 * imported and an owner made; prints the editor's address and login. `tsc --watch` and gulp
 * recompile `nodes/` and `credentials/` on change into the package folder n8n loads, and n8n
 * (N8N_DEV_RELOAD) reloads the package when its files change. State lives in `.dev/` (DEV_FOLDER);
 * ports: N8N_PORT (5678), SANDBOX_PORT (8787). Ctrl-C stops everything it started.
 */

const ROOT = join(__dirname, '..', '..');
const STATE = resolve(ROOT, process.env.DEV_FOLDER ?? '.dev');

function port(name: string, fallback: number): number {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`Invalid ${name}: ${process.env[name]}`);
	return value;
}

/** Fails with what to do when a port is taken, before anything starts on it. */
async function ensureFree(value: number, name: string): Promise<void> {
	const server = createServer();
	await new Promise<void>((done, fail) => {
		server.once('error', () => fail(new Error(`Port ${value} is in use: stop what listens there, or set ${name} to another port`)));
		server.listen(value, '127.0.0.1', () => server.close(() => done()));
	});
}

function eachLine(stream: Readable | null, handle: (line: string) => void): void {
	if (stream) createInterface({ input: stream }).on('line', handle);
}

/**
 * The folder n8n loads the package from, as a community package (its node types keep the package's
 * name, which the examples use): `package.json` and the build. The build goes there rather than a
 * link to the working copy so that n8n's watcher sees only the build, and the package's
 * `n8n-workflow` is n8n's own (linked beside it), as for an installed package.
 */
function packageFolder(install: N8nInstall, userFolder: string): string {
	const nodeModules = join(userFolder, '.n8n', 'nodes', 'node_modules');
	const folder = join(nodeModules, PACKAGE);
	rmSync(join(folder, 'dist'), { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, 'package.json'), readFileSync(join(ROOT, 'package.json')));
	const workflowLink = join(nodeModules, 'n8n-workflow');
	rmSync(workflowLink, { force: true });
	symlinkSync(join(install.root, 'node_modules', 'n8n-workflow'), workflowLink, 'dir');
	return folder;
}

/** `tsc --watch` into the package folder; resolves after its first compilation. */
async function compileAndWatch(out: string, log: (line: string) => void): Promise<ChildProcess> {
	const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	const args = [tsc, '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput', '--pretty', 'false', '--declaration', 'false', '--outDir', out];
	const child = startProcess(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
	return await new Promise((done, fail) => {
		eachLine(child.stdout, (line) => {
			if (line.trim()) log(`tsc │ ${line}`);
			if (line.includes('Watching for file changes')) done(child);
		});
		child.once('exit', (code) => fail(new Error(`tsc --watch exited (${code}) before its first compilation`)));
	});
}

/** Icons, codex files and output schemas (gulpfile.js) copied into the package folder now and on change. */
function copyAndWatchAssets(out: string): ChildProcess {
	const gulp = join(ROOT, 'node_modules', 'gulp', 'bin', 'gulp.js');
	const env = { ...process.env, BUILD_DIR: out };
	const copy = spawnSync(process.execPath, [gulp, 'build:icons'], { cwd: ROOT, env, encoding: 'utf8' });
	if (copy.status !== 0) throw new Error(`gulp build:icons failed:\n${copy.stdout}${copy.stderr}`);
	return startProcess(process.execPath, [gulp, 'watch:icons'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	const log = (line: string) => console.log(line);
	const stops: Array<() => Promise<void>> = [];
	cleanUpOnExit(async () => {
		for (const stop of stops.reverse()) await stop();
		log('Stopped n8n, the sandbox and the watchers.');
	});
	const n8nPort = port('N8N_PORT', 5678);
	const sandboxPort = port('SANDBOX_PORT', 8787);
	await ensureFree(n8nPort, 'N8N_PORT');
	await ensureFree(sandboxPort, 'SANDBOX_PORT');

	const install = ensureN8n(log);
	const userFolder = join(STATE, 'n8n');
	const folder = packageFolder(install, userFolder);
	const tsc = await compileAndWatch(join(folder, 'dist'), log);
	stops.push(() => stopProcess(tsc));
	const assets = copyAndWatchAssets(join(folder, 'dist'));
	stops.push(() => stopProcess(assets));

	const sandbox = await Sandbox.start({ port: sandboxPort });
	stops.push(() => sandbox.stop());
	seedDemo(sandbox);
	const examples = readExamples();
	await importInto(install, userFolder, { sandbox }, examples);

	let ready = false;
	let partial = '';
	const echo = (text: string) => {
		const lines = (partial + text).split('\n');
		partial = lines.pop() ?? '';
		if (ready) for (const line of lines) if (line.trim()) log(`n8n │ ${line}`);
	};
	const timeZone = process.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
	const server = await N8nServer.start(install, userFolder, {
		port: n8nPort,
		// No fetch of n8n's verified-nodes list from the internet, which fails offline, loudly.
		extraEnv: { N8N_DEV_RELOAD: 'true', N8N_VERIFIED_PACKAGES_ENABLED: 'false', TZ: timeZone, GENERIC_TIMEZONE: timeZone, WEBHOOK_URL: `http://127.0.0.1:${n8nPort}/` },
		onOutput: echo,
	});
	stops.push(() => server.stop());
	ready = true;

	log(`
n8n ${install.n8nVersion} with ${PACKAGE} built from this working copy: ready in ${Math.round((Date.now() - startedAt) / 1000)} s

  Editor:    ${server.url}
  Login:     ${OWNER.email} / ${OWNER.password}
  Examples:  ${examples.length} workflows (Overview), re-imported from examples/ at each start
  Sandbox:   ${sandbox.url} (the credentials "HyperRep account" and "Agentry account" point at it)
  State:     ${STATE} (delete it to start afresh)

A change to nodes/ or credentials/ is compiled and n8n reloads the nodes: open a node's panel again to
see it. Ctrl-C stops everything.
`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
