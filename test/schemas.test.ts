import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { nodeTypes } from './harness/engine';
import { PACKAGE } from './harness/registry';
import { collectOutputs, schemaOf } from './schemas/outputs';
import { useSandbox } from './support/sandbox';

const sandbox = useSandbox();
const root = join(__dirname, '..');

test('every output schema matches what its operation outputs today (npm run schemas rewrites them)', async () => {
	const outputs = await collectOutputs(sandbox());
	for (const [path, items] of outputs) {
		const committed = existsSync(join(root, path)) ? JSON.parse(readFileSync(join(root, path), 'utf8')) : undefined;
		expect({ path, schema: committed }).toEqual({ path, schema: schemaOf(items) });
	}
});

test('every operation of the action nodes has a schema, and the build ships them beside the nodes', () => {
	const expected: string[] = [];
	for (const [name, folder] of [['hyperRep', 'HyperRep'], ['agentry', 'Agentry']]) {
		for (const property of nodeTypes.getByName(`${PACKAGE}.${name}`).description.properties) {
			if (property.name !== 'operation') continue;
			const resource = property.displayOptions?.show?.resource?.[0] as string;
			for (const option of property.options as Array<{ value: string }>) {
				expected.push(`nodes/${folder}/__schema__/v1.0.0/${resource}/${option.value}.json`);
			}
		}
	}
	expect(expected).toHaveLength(13);
	for (const path of expected) {
		expect(existsSync(join(root, path))).toBe(true);
		expect(existsSync(join(root, 'dist', path))).toBe(true);
	}
});
