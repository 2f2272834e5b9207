// npm run scan: n8n's community-package scanner (@n8n/scan-community-package), the check n8n runs
// before it lists or verifies a package, on what can be checked before publishing: the sources
// (as the scan lints the attested source checkout) and the packed tarball (as it lints the
// published one). Exits 1 on any finding. `--dir PATH` scans another package directory.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({ options: { dir: { type: 'string' } } });
const packageDir = resolve(options.dir ?? join(import.meta.dirname, '../..'));
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const scannerVersion = JSON.parse(
	readFileSync(new URL(import.meta.resolve('@n8n/scan-community-package/package.json')), 'utf8'),
).version;

/** What analyzePackageByName lints in the downloaded tarball: compiled JavaScript and package.json. */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
const REPOSITORY_PLACEHOLDER = 'OWNER/REPOSITORY';

// The scanner makes a temporary directory when it is loaded; keep it inside ours, removed at the end.
const workDir = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
process.env.TMPDIR = workDir;
const { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } = await import(
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

function report(label, result) {
	console.log(`${result.passed ? '✅' : '❌'} ${label}${result.passed ? ': no findings' : `: ${result.message}`}`);
	if (result.details) console.log(result.details);
	return result.passed;
}

try {
	console.log(`n8n community-package scan (@n8n/scan-community-package ${scannerVersion}) of ${manifest.name}@${manifest.version}`);
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
			'   The publish workflow runs them after publishing (README, "Releasing"):',
			`   npx @n8n/scan-community-package ${manifest.name}@${manifest.version}`,
			...(repository.includes(REPOSITORY_PLACEHOLDER) || !repository
				? ['⚠️  package.json "repository" is missing or still the placeholder: the maintainers must set it before publishing.']
				: []),
		].join('\n'),
	);
	process.exitCode = sourcesPassed && tarballPassed && rootFound ? 0 : 1;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
