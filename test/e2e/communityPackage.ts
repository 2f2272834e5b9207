import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function npm(args: string[], cwd: string): string {
	const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${result.stderr}`);
	return result.stdout;
}

/** `npm pack` of the built package into `folder`; returns the tarball's path. */
export function pack(folder: string): string {
	const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', folder], ROOT)) as Array<{ filename: string }>;
	return join(folder, packed.filename);
}

/**
 * Installs the tarball as n8n installs a community package: into `<user folder>/.n8n/nodes`,
 * with `--legacy-peer-deps` so that the package uses n8n's own n8n-workflow. Returns what
 * `node_modules` holds afterwards.
 */
export function installCommunityPackage(userFolder: string, tarball: string): string[] {
	const nodes = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodes, { recursive: true });
	writeFileSync(join(nodes, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	npm(['install', tarball, '--legacy-peer-deps'], nodes);
	return readdirSync(join(nodes, 'node_modules')).filter((entry) => !entry.startsWith('.'));
}
