import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };
const guard = join(root, 'scripts/publishGuard.mjs');

/** The environment of `npm publish --provenance` in the publish workflow of acme/n8n-nodes-acme, on tag v<version>. */
const workflowPublish = {
	GITHUB_ACTIONS: 'true',
	GITHUB_REPOSITORY: 'acme/n8n-nodes-acme',
	GITHUB_REF_TYPE: 'tag',
	GITHUB_REF_NAME: `v${manifest.version}`,
	npm_command: 'publish',
	npm_config_provenance: 'true',
};

let folder: string;
beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'publish-guard-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the guard on this package's manifest with `repository.url` and CHANGELOG.md replaced. */
function runGuard(env: Record<string, string>, repositoryUrl: string, changelog = `## [${manifest.version}] - 2026-12-01\n`) {
	const copy = { ...JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')), repository: { type: 'git', url: repositoryUrl } };
	writeFileSync(join(folder, 'package.json'), JSON.stringify(copy));
	writeFileSync(join(folder, 'CHANGELOG.md'), changelog);
	// A clean environment: the tests themselves may run in GitHub Actions.
	return spawnSync(process.execPath, [guard], {
		cwd: folder,
		encoding: 'utf8',
		env: { PATH: process.env.PATH ?? '', npm_package_json: join(folder, 'package.json'), ...env },
	});
}

test('the publish workflow of the repository package.json names, on the version tag, with provenance, may publish', () => {
	const run = runGuard(workflowPublish, 'git+https://github.com/Acme/n8n-nodes-acme.git');
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	expect(run.stdout).toContain('from acme/n8n-nodes-acme (v');
});

test.each([
	['outside GitHub Actions', { GITHUB_ACTIONS: '' }, 'git+https://github.com/acme/n8n-nodes-acme.git', 'Publish from GitHub Actions'],
	['without --provenance', { npm_config_provenance: '' }, 'git+https://github.com/acme/n8n-nodes-acme.git', 'npm publish --provenance'],
	['while repository.url is the placeholder', {}, 'git+https://github.com/FILL-IN-OWNER/FILL-IN-REPOSITORY.git', 'still the placeholder'],
	['from another repository', {}, 'git+https://github.com/acme/other.git', 'this workflow runs in acme/n8n-nodes-acme'],
	['with a repository off GitHub', {}, 'git+https://gitlab.com/acme/n8n-nodes-acme.git', 'is not a GitHub repository'],
	['on a tag that is not the version', { GITHUB_REF_NAME: 'v9.9.9' }, 'git+https://github.com/acme/n8n-nodes-acme.git', 'The tag v9.9.9 is not v'],
])('publishing is refused %s', (_case, change, repositoryUrl, reason) => {
	const run = runGuard({ ...workflowPublish, ...change }, repositoryUrl);
	expect(run.status).toBe(1);
	expect(run.stderr).toMatch(/^Refusing to publish n8n-nodes-hyperrep-agentry@/);
	expect(run.stderr).toContain(reason);
	expect(run.stderr.match(/^- /gm)).toHaveLength(1);
});

test('publishing is refused without a CHANGELOG.md section for the version', () => {
	const run = runGuard(workflowPublish, 'git+https://github.com/acme/n8n-nodes-acme.git', '## [Unreleased]\n');
	expect(run.status).toBe(1);
	expect(run.stderr).toContain(`CHANGELOG.md has no section for ${manifest.version}`);
});

test("npm publish runs the guard before anything else, and refuses a repository.url that is not the workflow's", () => {
	expect(manifest.scripts.prepublishOnly).toBe('node scripts/publishGuard.mjs');
	const env = { ...process.env, ...workflowPublish, GITHUB_REPOSITORY: 'acme/n8n-nodes-acme' };
	const run = spawnSync('npm', ['publish', '--dry-run', '--provenance'], { cwd: root, encoding: 'utf8', env });
	expect(run.status).not.toBe(0);
	expect(run.stderr).toContain('Refusing to publish');
	expect(run.stderr).toMatch(/"repository\.url" (is still the placeholder|names \S+, but this workflow runs in acme\/n8n-nodes-acme)/);
}, 60_000);
