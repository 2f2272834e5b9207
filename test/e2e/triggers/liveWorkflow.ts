import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { Execution, type RawRun } from '../execution';
import type { N8nInstall } from '../n8nInstall';
import type { N8nServer } from '../n8nServer';
import type { WorkflowJson } from '../workflow';

/**
 * A workflow on `n8n start`, driven as the editor drives it: saved (PATCH), published (activate),
 * unpublished (deactivate), its trigger run by Fetch Test Event, its executions read back.
 */

interface StoredWorkflow {
	versionId: string;
	checksum: string;
	nodes: WorkflowJson['nodes'];
	connections: WorkflowJson['connections'];
	staticData: Record<string, unknown> | null;
}

export interface PublicationStatus {
	status: string;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

export interface ExecutionSummary {
	id: string;
	mode: string;
	status: string;
}

interface StoredExecution {
	id: string;
	mode: string;
	status: string;
	finished: boolean;
	/** The run, serialized by n8n with `flatted` (it may hold circular references). */
	data: string;
}

export interface Run {
	id: string;
	mode: string;
	status: string;
	execution: Execution;
}

/**
 * Poll Times that fire every 5 seconds. n8n 2.41 refuses a cron that fires more than once a
 * minute ("The polling interval is too short"), so these are twelve crons, each at one fixed
 * second of the minute: each is minute-granular, as n8n requires, and together they fire every 5 s.
 */
export const EVERY_FIVE_SECONDS = {
	item: Array.from({ length: 12 }, (_, index) => ({ mode: 'custom', cronExpression: `${index * 5} * * * * *` })),
};
export const POLL_PERIOD_MS = 5000;

const MAX_EXECUTION_PAGES = 50;
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

export class LiveWorkflow {
	private readonly parseFlatted: (text: string) => unknown;

	constructor(
		private readonly server: N8nServer,
		install: N8nInstall,
		readonly id: string,
	) {
		// n8n's own flatted, as its editor reads execution data.
		const n8nRequire = createRequire(join(install.root, 'node_modules', 'n8n', 'package.json'));
		this.parseFlatted = (n8nRequire('flatted') as { parse: (text: string) => unknown }).parse;
	}

	async stored(): Promise<StoredWorkflow> {
		return await this.server.request<StoredWorkflow>('GET', `/rest/workflows/${this.id}`);
	}

	/** Saves a change to the named nodes' parameters, as the editor saves it; returns the new version. */
	async saveParameters(changes: Record<string, Record<string, unknown>>): Promise<string> {
		const { nodes, connections, checksum } = await this.stored();
		const changed = nodes.map((node) => (node.name in changes ? { ...node, parameters: { ...node.parameters, ...changes[node.name] } } : node));
		const saved = await this.server.request<StoredWorkflow>('PATCH', `/rest/workflows/${this.id}`, {
			nodes: changed,
			connections,
			expectedChecksum: checksum,
		});
		return saved.versionId;
	}

	/** Saves the trigger's Poll Times; returns the new version. */
	async setPollTimes(trigger: string, pollTimes: unknown): Promise<string> {
		return await this.saveParameters({ [trigger]: { pollTimes } });
	}

	/**
	 * Publishes a version (the editor's Publish/Activate) and waits until n8n has applied it:
	 * n8n 2.41 activates through a publication queue, after the request has answered.
	 */
	async activate(versionId: string, timeoutMs = 120_000): Promise<PublicationStatus> {
		await this.server.request('POST', `/rest/workflows/${this.id}/activate`, { versionId });
		return await this.settledPublication(timeoutMs);
	}

	async deactivate(timeoutMs = 120_000): Promise<PublicationStatus> {
		await this.server.request('POST', `/rest/workflows/${this.id}/deactivate`, {});
		return await this.settledPublication(timeoutMs);
	}

	private async settledPublication(timeoutMs: number): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.server.request<PublicationStatus>('GET', `/rest/workflows/${this.id}/publication-status`);
			if (status.status !== 'in_progress' || Date.now() > deadline) return status;
			await sleep(250);
		}
	}

	/** The editor's Fetch Test Event: the trigger alone, in manual mode; returns the finished run. */
	async fetchTestEvent(trigger: string): Promise<Run> {
		const { executionId } = await this.server.request<{ executionId: string }>('POST', `/rest/workflows/${this.id}/run`, {
			triggerToStartFrom: { name: trigger },
			destinationNode: { nodeName: trigger, mode: 'inclusive' },
		});
		return await this.finishedRun(executionId);
	}

	/** Every execution of the workflow, oldest first (n8n's pages hold at most 100; the first also lists the running ones). */
	async executions(): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: this.id }));
		const found = new Map<string, ExecutionSummary>();
		let cursor: string | null | undefined;
		for (let pages = 0; pages < MAX_EXECUTION_PAGES && cursor !== null; pages++) {
			const page: { results: ExecutionSummary[]; nextCursor?: string | null } = await this.server.request(
				'GET',
				`/rest/executions?filter=${filter}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
			);
			for (const summary of page.results) found.set(summary.id, summary);
			cursor = page.nextCursor ?? null;
		}
		return [...found.values()].sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** An execution once n8n has finished it, with its data. */
	async finishedRun(id: string, timeoutMs = 60_000): Promise<Run> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const stored = await this.server.request<StoredExecution>('GET', `/rest/executions/${id}`);
			if (FINISHED.has(stored.status) || Date.now() > deadline) {
				const run: RawRun = { status: stored.status, data: this.parseFlatted(stored.data) as RawRun['data'] };
				return { id, mode: stored.mode, status: stored.status, execution: Execution.stored(run) };
			}
			await sleep(250);
		}
	}
}
