import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { staleDist } from './freshDist';

/** A project with one source and its build, every time set explicitly (seconds since the epoch). */
function project(): { root: string; at(path: string, seconds: number): void } {
	const root = mkdtempSync(join(tmpdir(), 'fresh-dist-'));
	for (const folder of ['nodes', 'credentials', 'dist/nodes']) mkdirSync(join(root, folder), { recursive: true });
	for (const file of ['index.ts', 'nodes/A.node.ts', 'nodes/a.svg', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js', 'dist/index.js', 'dist/nodes/A.node.js', 'dist/nodes/a.svg']) {
		writeFileSync(join(root, file), '');
	}
	const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
	for (const path of ['index.ts', 'nodes/A.node.ts', 'nodes/a.svg', 'nodes', 'credentials', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js']) at(path, 100);
	for (const path of ['dist/index.js', 'dist/nodes/A.node.js', 'dist/nodes', 'dist']) at(path, 200);
	// gulp keeps a copied icon's own time.
	at('dist/nodes/a.svg', 100);
	return { root, at };
}

let built: ReturnType<typeof project>;
beforeEach(() => (built = project()));
afterEach(() => rmSync(built.root, { recursive: true, force: true }));

test('a build newer than every input is current, although its copied icons keep their older times', () => {
	expect(staleDist(built.root)).toBeUndefined();
});

test('a source changed after the build makes dist/ stale, naming it', () => {
	built.at('nodes/A.node.ts', 300);
	expect(staleDist(built.root)).toBe('nodes/A.node.ts changed after dist/ was built');
});

test('a source deleted after the build makes dist/ stale (its folder changed)', () => {
	rmSync(join(built.root, 'nodes', 'A.node.ts'));
	built.at('nodes', 300);
	expect(staleDist(built.root)).toBe('nodes changed after dist/ was built');
});

test('a JavaScript file older than a source (a partial build) makes dist/ stale', () => {
	built.at('dist/nodes/A.node.js', 50);
	expect(staleDist(built.root)).toMatch(/changed after dist\/ was built$/);
});

test('no dist/ at all is stale', () => {
	rmSync(join(built.root, 'dist'), { recursive: true });
	expect(staleDist(built.root)).toBe('there is no dist/');
});
