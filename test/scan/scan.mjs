// npm run scan: n8n's community-package scanner (@n8n/scan-community-package), the check n8n runs
// before it lists or verifies a package, on what can be checked before publishing: the sources
// (as the scan lints the attested source checkout) and the packed tarball (as it lints the
// published one). Exits 1 on any finding. `--dir PATH` scans another package directory.
// npm run scan:published (`--published`): the whole scan of this version as published on npm,
// provenance and attested source included, as n8n runs it; the publish workflow runs it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({ options: { dir: { type: 'string' }, published: { type: 'boolean' } } });
const packageDir = resolve(options.dir ?? join(import.meta.dirname, '../..'));
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const label = `${manifest.name}@${manifest.version}`;
const scannerVersion = JSON.parse(
	readFileSync(new URL(import.meta.resolve('@n8n/scan-community-package/package.json')), 'utf8'),
).version;

/** What analyzePackageByName lints in the downloaded tarball: compiled JavaScript and package.json. */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
const REPOSITORY_PLACEHOLDER = 'FILL-IN';

// The scanner makes a temporary directory when it is loaded; keep it inside ours, removed at the end.
const workDir = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
process.env.TMPDIR = workDir;
const { analyzePackage, analyzePackageByName, findPackageRoot, SOURCE_FILE_PATTERNS } = await import(
	'@n8n/scan-community-package/scanner/scanner.mjs'
);

function packTarball() {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], {
			cwd: packageDir,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	const unpacked = join(workDir, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', join(workDir, packed.filename), '-C', unpacked, '--strip-components=1']);
	return { unpacked, filename: packed.filename, files: packed.entryCount };
}

function report(what, result) {
	console.log(`${result.passed ? '✅' : '❌'} ${what}${result.passed ? ': no findings' : `: ${result.message}`}`);
	if (result.details) console.log(result.details);
	return result.passed;
}

async function scanBeforePublishing() {
	const sourcesPassed = report(
		`sources (${SOURCE_FILE_PATTERNS.join(', ')})`,
		await analyzePackage(packageDir, SOURCE_FILE_PATTERNS),
	);
	const tarball = packTarball();
	const tarballPassed = report(
		`tarball ${tarball.filename}, ${tarball.files} files (${TARBALL_FILE_PATTERNS.join(', ')})`,
		await analyzePackage(tarball.unpacked, TARBALL_FILE_PATTERNS),
	);
	// The scan finds the package in the attested source checkout by its name (monorepos too).
	const rootFound = findPackageRoot(packageDir, manifest.name) === packageDir;
	console.log(`${rootFound ? '✅' : '❌'} source checkout: the scan finds ${manifest.name} at the repository root`);

	const repository = manifest.repository?.url ?? '';
	console.log(
		[
			'⏭️  not run here: the provenance check and the lint of the attested source. They need this version',
			'   published on npm from GitHub Actions with provenance; the scan then reads the provenance',
			'   statement from the registry and downloads the source at the commit it names from GitHub.',
			`   The publish workflow runs them after publishing: npm run scan:published (${label}).`,
			...(!repository || repository.includes(REPOSITORY_PLACEHOLDER)
				? ['⚠️  package.json "repository" is missing or still the placeholder: the maintainers must set it before publishing.']
				: []),
		].join('\n'),
	);
	return sourcesPassed && tarballPassed && rootFound;
}

async function scanPublished() {
	const result = await analyzePackageByName(manifest.name, manifest.version);
	return report(`${label} as published on npm (provenance, attested source, tarball)`, result);
}

try {
	console.log(`n8n community-package scan (@n8n/scan-community-package ${scannerVersion}) of ${label}`);
	process.exitCode = (options.published ? await scanPublished() : await scanBeforePublishing()) ? 0 : 1;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
