import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { releaseEngineTimers } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { useTemporaryUserFolder } from '../support/userFolder';
import { collectOutputs, schemaOf } from './outputs';

/** `npm run schemas`: writes every operation's output schema from its real output. */
async function main() {
	const removeUserFolder = useTemporaryUserFolder();
	const sandbox = await Sandbox.start();
	try {
		const root = join(__dirname, '..', '..');
		for (const [path, outputs] of await collectOutputs(sandbox)) {
			mkdirSync(dirname(join(root, path)), { recursive: true });
			writeFileSync(join(root, path), `${JSON.stringify(schemaOf(outputs), null, '\t')}\n`);
			process.stdout.write(`${path} (${outputs.length} outputs)\n`);
		}
	} finally {
		await sandbox.stop();
		releaseEngineTimers();
		removeUserFolder();
	}
}

void main();
