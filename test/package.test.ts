import { PackageDirectoryLoader } from 'n8n-core';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

const root = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The built package, loaded by n8n-core's own loader, as n8n loads an installed community package. */
async function loadBuiltPackage() {
	if (!existsSync(join(root, 'dist/index.js'))) throw new Error('Build the package first: npm run build');
	const loader = new PackageDirectoryLoader(root);
	await loader.loadAll();
	return loader;
}

test('n8n loads every node and both credentials from dist, with icons and codex', async () => {
	const loader = await loadBuiltPackage();
	expect(loader.packageName).toBe('n8n-nodes-hyperrep-agentry');
	expect(Object.keys(loader.nodeTypes).sort()).toEqual(['agentry', 'agentryTrigger', 'hyperRep', 'hyperRepTrigger']);
	expect(Object.keys(loader.credentialTypes).sort()).toEqual(['agentryApi', 'hyperRepApi']);

	for (const node of loader.types.nodes as INodeTypeDescription[]) {
		// Actions are AI tools; triggers poll and cannot be tools.
		const trigger = node.name.endsWith('Trigger');
		expect(node.usableAsTool).toBe(trigger ? undefined : true);
		expect(node.polling).toBe(trigger ? true : undefined);
		expect(node.codex?.categories?.length).toBeGreaterThan(0);
		const icons = node.iconUrl as { light: string; dark: string };
		for (const url of [icons.light, icons.dark]) {
			expect(existsSync(join(root, url.replace('icons/n8n-nodes-hyperrep-agentry/', '')))).toBe(true);
		}
		expect(icons.light).not.toBe(icons.dark);
	}
	const nodes = loader.types.nodes as INodeTypeDescription[];
	for (const credential of loader.types.credentials) {
		const users = nodes.filter((node) => node.credentials?.some((used) => used.name === credential.name));
		expect(credential.supportedNodes?.sort()).toEqual(users.map((node) => node.name).sort());
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
	}
});

test('every options list of every node is sorted by name', async () => {
	const loader = await loadBuiltPackage();
	const unsorted: string[] = [];
	const visit = (properties: INodeProperties[], path: string) => {
		// Poll Times is n8n's own parameter, added to every polling node by its loader.
		for (const property of properties.filter((candidate) => candidate.name !== 'pollTimes')) {
			const options = (property.options ?? []) as Array<{ name?: string; displayName?: string; values?: INodeProperties[] }>;
			// Collections list fields (sorted by what the user sees), option lists list choices.
			const names = options.map((option) => option.displayName ?? option.name ?? '');
			if (names.join() !== [...names].sort((a, b) => a.localeCompare(b)).join()) unsorted.push(`${path}.${property.name}`);
			for (const option of options) {
				if ('type' in option) visit([option as INodeProperties], `${path}.${property.name}`);
				if (option.values) visit(option.values, `${path}.${property.name}`);
			}
		}
	};
	for (const node of loader.types.nodes as INodeTypeDescription[]) visit(node.properties, node.name);
	expect(unsorted).toEqual([]);
});

test('the manifest is what n8n and its verification expect', () => {
	expect(manifest.keywords).toContain('n8n-community-node-package');
	expect(manifest.license).toBe('MIT');
	expect(manifest.files).toEqual(['dist']);
	expect(manifest.dependencies ?? {}).toEqual({});
	expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(manifest.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		expect(existsSync(join(root, file))).toBe(true);
	}
});

test('the tarball holds the built package and nothing of the tests or the sandbox', () => {
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
	) as Array<{ files: Array<{ path: string }> }>;
	const paths = pack.files.map((file) => file.path);
	expect(paths).toEqual(expect.arrayContaining(['package.json', 'dist/index.js', 'dist/nodes/Agentry/Agentry.node.json']));
	expect(paths.filter((path) => !path.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(path))).toEqual([]);
	expect(paths.some((path) => path.includes('test/') || path.endsWith('.ts') && !path.endsWith('.d.ts'))).toBe(false);
});
