import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The tests that load `dist/` (the package test, the scanner) must see the sources as they are:
 * `npm run jest` and `npx jest` build first when any build input changed after the build. The
 * check compares modification times (a few hundred stat calls); folders count too, so a deleted
 * source makes `dist/` stale.
 */

const ROOT = join(__dirname, '..', '..');
const INPUTS = ['index.ts', 'nodes', 'credentials', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js'];

/** Every file and folder under `path` with its modification time. */
function* entries(path: string): Generator<{ path: string; mtimeMs: number; folder: boolean }> {
	const stat = statSync(path);
	yield { path, mtimeMs: stat.mtimeMs, folder: stat.isDirectory() };
	if (stat.isDirectory()) for (const name of readdirSync(path)) yield* entries(join(path, name));
}

/**
 * Why `dist/` is stale (a build input is newer than its oldest JavaScript file, which tsc wrote;
 * gulp keeps the copied icons' times), or undefined when it is not.
 */
export function staleDist(root = ROOT): string | undefined {
	const dist = join(root, 'dist');
	if (!existsSync(join(dist, 'index.js'))) return 'there is no dist/';
	let built = Infinity;
	for (const entry of entries(dist)) if (entry.path.endsWith('.js')) built = Math.min(built, entry.mtimeMs);
	for (const input of INPUTS) {
		for (const entry of entries(join(root, input))) {
			if (entry.mtimeMs > built) return `${relative(root, entry.path)} changed after dist/ was built`;
		}
	}
	return undefined;
}

/** Builds (`npm run build`) when `dist/` is stale; throws when the build fails. */
export function ensureFreshDist(log: (line: string) => void = console.log): void {
	const reason = staleDist();
	if (!reason) return;
	log(`\n${reason}: npm run build`);
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status ?? build.signal}); the tests need a current dist/`);
}
