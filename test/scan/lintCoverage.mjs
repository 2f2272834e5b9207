// Prints, as JSON, every rule that n8n's verification scan enforces on a shipped source file and
// `npm run lint` (eslint.config.mjs) does not, or enforces more weakly or with other options.
// A script, not a test module: the scanner and ESLint's config loading are ES modules.
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { join } from 'node:path';
import { buildScanConfig, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(import.meta.dirname, '../..');
const lint = new ESLint({ cwd: root });
const scan = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: await buildScanConfig() });

const files = glob.sync(SOURCE_FILE_PATTERNS, { cwd: root, ignore: ['node_modules/**'] });
const gaps = [];
let scanRules = 0;
for (const file of files) {
	const scanned = (await scan.calculateConfigForFile(file))?.rules ?? {};
	const linted = (await lint.calculateConfigForFile(file))?.rules ?? {};
	for (const [rule, [severity, ...settings]] of Object.entries(scanned)) {
		if (severity === 0) continue;
		scanRules++;
		const [ours = 0, ...ourSettings] = linted[rule] ?? [];
		if (ours < severity || JSON.stringify(ourSettings) !== JSON.stringify(settings)) {
			gaps.push({ file, rule, scan: [severity, ...settings], lint: linted[rule] ?? 'off' });
		}
	}
}
console.log(JSON.stringify({ files: files.length, scanRules, gaps }));
