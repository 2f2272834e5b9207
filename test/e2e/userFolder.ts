import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { credentialsImport } from './credentials';
import type { N8nInstall } from './n8nInstall';
import { freePort, n8nEnvironment, runN8n } from './n8nProcess';
import type { WorkflowJson } from './workflow';

/** An n8n CLI command on the lane's user folder, with a task broker port of its own (and `extraEnv`, such as another database). */
export async function n8nCommand(install: N8nInstall, userFolder: string, args: string[], extraEnv: Record<string, string> = {}) {
	const env = n8nEnvironment(userFolder, { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extraEnv });
	return await runN8n(install, args, env);
}

/** The servers the imported credentials point at: the sandbox, and the chat model when there is one. */
interface Endpoints {
	sandbox: { url: string };
	chatModel?: { url: string };
}

/** Imports the credentials (pointing at the sandbox and the chat model) and the workflows; an import replaces what has the same ID. */
export async function importInto(
	install: N8nInstall,
	userFolder: string,
	lane: Endpoints,
	workflows: WorkflowJson[],
	extraEnv: Record<string, string> = {},
): Promise<void> {
	const folder = join(userFolder, 'import');
	mkdirSync(join(folder, 'workflows'), { recursive: true });
	const credentials = join(folder, 'credentials.json');
	writeFileSync(credentials, JSON.stringify(credentialsImport(lane.sandbox.url, lane.chatModel?.url), null, 2));
	for (const workflow of workflows) writeFileSync(join(folder, 'workflows', `${workflow.id}.json`), JSON.stringify(workflow));
	for (const args of [['import:credentials', `--input=${credentials}`], ['import:workflow', '--separate', `--input=${join(folder, 'workflows')}`]]) {
		const result = await n8nCommand(install, userFolder, args, extraEnv);
		assert.equal(result.code, 0, `n8n ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
	}
}
