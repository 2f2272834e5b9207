import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');

function runScript(script: string, ...args: string[]) {
	// eslint-plugin-n8n-nodes-base treats every file as every kind of node file under NODE_ENV=test (jest's).
	const env = { ...process.env };
	delete env.NODE_ENV;
	return spawnSync(process.execPath, [join(root, 'test/scan', script), ...args], { cwd: root, encoding: 'utf8', env });
}

test("npm run lint enforces every rule of n8n's verification scan on every shipped source file", () => {
	const run = runScript('lintCoverage.mjs');
	expect(run.stderr).toBe('');
	const coverage = JSON.parse(run.stdout) as { files: number; scanRules: number; gaps: unknown[] };
	expect(coverage.files).toBeGreaterThan(20);
	expect(coverage.scanRules).toBeGreaterThan(coverage.files * 40);
	expect(coverage.gaps).toEqual([]);
});

test('npm run scan exits 1 and names the rule when the sources or the tarball have findings', () => {
	if (!existsSync(join(root, 'dist/index.js'))) throw new Error('Build the package first: npm run build');
	const fixture = mkdtempSync(join(tmpdir(), 'scan-fixture-'));
	try {
		for (const path of ['package.json', 'nodes', 'credentials', 'dist']) cpSync(join(root, path), join(fixture, path), { recursive: true });
		// A parameter with the expressions-docs link n8n's rules no longer accept, in a source file.
		writeFileSync(
			join(fixture, 'nodes/HyperRep/oldLink.ts'),
			`export const labels = { displayName: 'Label Names or IDs', name: 'labels', type: 'multiOptions', typeOptions: { loadOptionsMethod: 'getLabels' }, default: [], description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code-examples/expressions/">expression</a>' };\n`,
		);
		// A console call in the build.
		const built = join(fixture, 'dist/nodes/HyperRep/HyperRep.node.js');
		writeFileSync(built, `${readFileSync(built, 'utf8')}\nconsole.log('loaded');\n`);

		const run = runScript('scan.mjs', '--dir', fixture);

		expect(run.status).toBe(1);
		expect(run.stdout).toMatch(/❌ sources[^\n]*ESLint violations found/);
		expect(run.stdout).toMatch(/oldLink\.ts\n\s+\d+:\d+\s+error\s+Use 'Choose from the list, or specify IDs using an <a href="https:\/\/docs\.n8n\.io\/code\/expressions\/">expression<\/a>'.*n8n-nodes-base\/node-param-description-wrong-for-dynamic-multi-options/);
		expect(run.stdout).toMatch(/❌ tarball[^\n]*ESLint violations found/);
		expect(run.stdout).toMatch(/HyperRep\.node\.js\n\s+\d+:\d+\s+error\s+Unexpected console statement\s+no-console/);
	} finally {
		rmSync(fixture, { recursive: true, force: true });
	}
}, 120_000);
