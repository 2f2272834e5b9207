import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { installCommunityPackage, pack } from '../../e2e/communityPackage';
import { Execution } from '../../e2e/execution';
import type { N8nInstall } from '../../e2e/n8nInstall';
import { freePort, n8nEnvironment, runN8n } from '../../e2e/n8nProcess';
import type { WorkflowJson } from '../../e2e/workflow';

/** A credential as `n8n import:credentials` reads it. */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, string>;
}

export interface Executed {
	run: Execution;
	/** Wall time of the whole `n8n execute` command, start-up included. */
	commandMs: number;
}

/**
 * The e2e lane's n8n with the packed package installed as a community package, in a user folder
 * of its own (removed by `dispose`), driven through the CLI as the lane drives it.
 */
export class RealN8n {
	private constructor(
		readonly install: N8nInstall,
		private readonly work: string,
		readonly userFolder: string,
	) {}

	/** Packs the built package (`dist/`) and installs it into a fresh user folder. */
	static create(install: N8nInstall): RealN8n {
		const work = mkdtempSync(join(tmpdir(), 'n8n-nodes-hyperrep-agentry-bench-'));
		const userFolder = join(work, 'user');
		installCommunityPackage(userFolder, pack(work));
		return new RealN8n(install, work, userFolder);
	}

	/** `n8n import:credentials` and `n8n import:workflow` of everything a bench run needs. */
	async import(credentials: CredentialImport[], workflows: WorkflowJson[]): Promise<void> {
		const folder = join(this.work, 'import');
		mkdirSync(join(folder, 'workflows'), { recursive: true });
		const credentialsFile = join(folder, 'credentials.json');
		writeFileSync(credentialsFile, JSON.stringify(credentials));
		for (const workflow of workflows) writeFileSync(join(folder, 'workflows', `${workflow.id}.json`), JSON.stringify(workflow));
		await this.command(['import:credentials', `--input=${credentialsFile}`]);
		await this.command(['import:workflow', '--separate', `--input=${join(folder, 'workflows')}`]);
	}

	/** `n8n execute --rawOutput` of one imported workflow; `env` adds to the lane's environment (NODE_OPTIONS). */
	async execute(workflowId: string, env: Record<string, string> = {}): Promise<Executed> {
		const started = performance.now();
		const result = await runN8n(this.install, ['execute', `--id=${workflowId}`, '--rawOutput'], await this.environment(env), 600_000);
		return { run: Execution.parse(result.code, result.stdout, result.stderr), commandMs: performance.now() - started };
	}

	dispose(): void {
		rmSync(this.work, { recursive: true, force: true });
	}

	private async command(args: string[]): Promise<void> {
		const result = await runN8n(this.install, args, await this.environment());
		if (result.code !== 0) throw new Error(`n8n ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
	}

	private async environment(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
		return n8nEnvironment(this.userFolder, { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extra });
	}
}
