import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nInstall } from './n8nInstall';

/**
 * Every value the built package takes from n8n-workflow (type-only imports vanish when compiled),
 * from `dist/`: tsc turns `import { X } from 'n8n-workflow'` into `n8n_workflow_1.X`.
 */
export function importedSymbols(dist: string): Map<string, string[]> {
	const used = new Map<string, string[]>();
	for (const file of javascriptFiles(dist)) {
		const source = readFileSync(file, 'utf8');
		const binding = /const (\w+) = require\("n8n-workflow"\);/.exec(source)?.[1];
		if (!binding) continue;
		for (const [, symbol] of source.matchAll(new RegExp(`\\b${binding}\\.(\\w+)`, 'g'))) {
			used.set(symbol, [...(used.get(symbol) ?? []), file.slice(dist.length + 1)]);
		}
	}
	return used;
}

function javascriptFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return javascriptFiles(path);
		return entry.name.endsWith('.js') ? [path] : [];
	});
}

/** What the n8n-workflow that the lane's n8n itself loads exports, read by that n8n's Node.js. */
export function exportedSymbols(install: N8nInstall): { version: string; names: Set<string> } {
	const script = `
		const path = require.resolve('n8n-workflow', { paths: [require('path').dirname(require.resolve('n8n/package.json'))] });
		const version = require(path.replace(/dist\\/.*$/, 'package.json')).version;
		console.log(JSON.stringify({ version, names: Object.keys(require(path)) }));`;
	const result = spawnSync(install.node, ['-e', script], { cwd: install.root, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`Reading n8n-workflow's exports failed: ${result.stderr}`);
	const parsed = JSON.parse(result.stdout) as { version: string; names: string[] };
	return { version: parsed.version, names: new Set(parsed.names) };
}
