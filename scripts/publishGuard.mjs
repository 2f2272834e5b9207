// Refuses to publish from anywhere but the publish workflow. Since 1 May 2026 n8n lists and verifies
// only community packages published from GitHub Actions with an npm provenance statement, whose
// package.json `repository` is the public repository they were built from.
// Runs as `prepublishOnly` (all checks) and as the publish workflow's first step (all but the
// provenance flag, which only `npm publish` has). Prints every unmet condition; exits 1 if any.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The maintainers replace this in package.json (repository.url) with the real address. */
const REPOSITORY_PLACEHOLDER = 'FILL-IN';

const env = process.env;
const manifestPath = env.npm_package_json ?? join(process.cwd(), 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const changelogPath = join(dirname(manifestPath), 'CHANGELOG.md');

/** `git+https://github.com/Owner/Repo.git` → `owner/repo`, or undefined for anything else. */
function gitHubRepository(url = '') {
	return /^(?:git\+)?https:\/\/github\.com\/([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url)?.[1]?.toLowerCase();
}

const problems = [];
if (env.GITHUB_ACTIONS !== 'true') {
	problems.push(
		'Publish from GitHub Actions: push a version tag and let .github/workflows/publish.yml publish (CONTRIBUTING.md, "Releasing"). n8n accepts only packages published from GitHub Actions with provenance.',
	);
}
const publishing = env.npm_command === 'publish';
if (publishing && env.npm_config_provenance !== 'true' && env.NPM_CONFIG_PROVENANCE !== 'true') {
	problems.push('Publish with provenance: npm publish --provenance --access public.');
}
const repositoryUrl = manifest.repository?.url ?? '';
const repository = gitHubRepository(repositoryUrl);
if (!repositoryUrl || repositoryUrl.includes(REPOSITORY_PLACEHOLDER)) {
	problems.push(
		`package.json "repository.url" is still the placeholder (${repositoryUrl || 'missing'}): the maintainers set it to the package's public GitHub repository, git+https://github.com/<owner>/<repository>.git.`,
	);
} else if (!repository) {
	problems.push(`package.json "repository.url" (${repositoryUrl}) is not a GitHub repository: npm provenance and n8n's scan need one.`);
} else if (env.GITHUB_REPOSITORY && repository !== env.GITHUB_REPOSITORY.toLowerCase()) {
	problems.push(
		`package.json "repository.url" names ${repository}, but this workflow runs in ${env.GITHUB_REPOSITORY}: npm refuses provenance for another repository, and n8n requires the package's own.`,
	);
}
if (env.GITHUB_REF_TYPE === 'tag' && env.GITHUB_REF_NAME !== `v${manifest.version}`) {
	problems.push(`The tag ${env.GITHUB_REF_NAME} is not v${manifest.version}, the version in package.json.`);
}
const changelog = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '';
if (!new RegExp(`^## \\[?${manifest.version.replaceAll('.', '\\.')}\\]?`, 'm').test(changelog)) {
	problems.push(`CHANGELOG.md has no section for ${manifest.version} ("## [${manifest.version}] - YYYY-MM-DD").`);
}

if (problems.length > 0) {
	console.error(`Refusing to publish ${manifest.name}@${manifest.version}:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
	process.exit(1);
}
console.log(`Publishing ${manifest.name}@${manifest.version} from ${env.GITHUB_REPOSITORY} (${env.GITHUB_REF_NAME}).`);
