import { createHash } from 'node:crypto';
import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationMode,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/** One row of n8n's `processed_data` table. */
interface Row {
	mode: DeduplicationMode;
	/** Hashes of the recorded values, oldest first. */
	data: string[];
}

/** Which store call fails next, as if the process died at that moment. */
export type StoreStep = 'checkProcessedAndRecord' | 'removeProcessed';

/**
 * n8n's deduplication store as n8n's CLI implements it (packages/cli/src/deduplication/
 * deduplication-helper.ts), on a Map instead of the `processed_data` table: n8n-core only defines
 * the interface, and the CLI's class needs n8n's database. The entries mode only (the latest
 * modes keep one value per row, and no node of this package uses them). Faithful where it matters to a
 * node: one row per workflow and context (`n:<node id>` for scope node, '' for workflow), values
 * stored as MD5 hashes in base64, the oldest dropped beyond `maxEntries`, an error for a mode
 * other than the row's, and each call reading the row, changing a copy and writing it back
 * with a turn of the event loop between, as the database round trips do, with no lock: calls
 * that overlap lose each other's changes, as they do in n8n.
 */
export class InMemoryDeduplicator implements IDataDeduplicator {
	private readonly rows = new Map<string, Row>();
	private failing?: { step: StoreStep; afterRecording: boolean };

	/** Forgets everything, as a fresh database. */
	clear(): void {
		this.rows.clear();
		this.failing = undefined;
	}

	/**
	 * The next call of `step` fails: after writing its change when `afterRecording` (the process
	 * died right after the database wrote), before it otherwise.
	 */
	failNext(step: StoreStep, afterRecording = false): void {
		this.failing = { step, afterRecording };
	}

	/**
	 * Another execution's call that reads every row now and writes its copy back when the returned
	 * function is called: whatever was recorded or removed in between is lost, as when calls of
	 * executions on two workers overlap in n8n (a lost update), however far apart the rest of those
	 * executions run. Rows that did not exist yet are left alone (n8n's insert of a new row would
	 * fail on the existing one instead).
	 */
	overlappingCall(): () => void {
		const copies = [...this.rows].map(([key, row]): [string, Row] => [key, { mode: row.mode, data: [...row.data] }]);
		return () => {
			for (const [key, row] of copies) this.rows.set(key, row);
		};
	}

	/** The values recorded for a node (by their hashes), for tests to look at. */
	recorded(workflowId: string, nodeId: string, values: DeduplicationItemTypes[]): boolean[] {
		const row = this.rows.get(rowKey(workflowId, `n:${nodeId}`));
		const data = row?.data ?? [];
		return values.map((value) => data.includes(hash(value)));
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const key = rowKey(String(contextData.workflow.id), contextOf(scope, contextData));
		const row = await this.read(key, options.mode, 'checkProcessedAndRecord');
		// The latest modes keep one value per row; no node of this package uses them.
		if (options.mode !== 'entries') throw new Error(`The harness store keeps the entries mode only, not "${options.mode}"`);
		const hashes = items.map(hash);
		const data = row?.data ?? [];
		const output: IDeduplicationOutput = { new: [], processed: [] };
		hashes.forEach((value, index) => {
			if (row && data.includes(value)) {
				output.processed.push(items[index]);
			} else {
				output.new.push(items[index]);
				data.push(value);
			}
		});
		if (options.maxEntries) data.splice(0, data.length - options.maxEntries);
		await this.write(key, { mode: options.mode, data }, 'checkProcessedAndRecord');
		return output;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<void> {
		if (options.mode !== 'entries') throw new Error('Removing processed data is not possible in mode "latest"');
		const key = rowKey(String(contextData.workflow.id), contextOf(scope, contextData));
		const row = await this.read(key, undefined, 'removeProcessed');
		if (!row) return;
		const data = row.data;
		for (const value of items.map(hash)) {
			const index = data.indexOf(value);
			if (index !== -1) data.splice(index, 1);
		}
		await this.write(key, { mode: row.mode, data }, 'removeProcessed');
	}

	async clearAllProcessedItems(scope: DeduplicationScope, contextData: ICheckProcessedContextData): Promise<void> {
		this.rows.delete(rowKey(String(contextData.workflow.id), contextOf(scope, contextData)));
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<number> {
		const row = this.rows.get(rowKey(String(contextData.workflow.id), contextOf(scope, contextData)));
		return options.mode === 'entries' && row ? row.data.length : 0;
	}

	/** A copy of the row, as a database read gives one. */
	private async read(key: string, mode: DeduplicationMode | undefined, step: StoreStep): Promise<Row | undefined> {
		if (this.failing?.step === step && !this.failing.afterRecording) this.fail();
		await sleep(0);
		const row = this.rows.get(key);
		if (row && mode && row.mode !== mode) {
			throw new Error('Deduplication data was originally saved with an incompatible setting of the ‘Keep Items Where’ parameter.');
		}
		return row && { mode: row.mode, data: [...row.data] };
	}

	private async write(key: string, row: Row, step: StoreStep): Promise<void> {
		await sleep(0);
		this.rows.set(key, row);
		if (this.failing?.step === step) this.fail();
	}

	private fail(): never {
		this.failing = undefined;
		throw new Error('The database connection was lost (simulated)');
	}
}

function contextOf(scope: DeduplicationScope, contextData: ICheckProcessedContextData): string {
	if (scope !== 'node') return '';
	if (!contextData.node) throw new Error("No node information has been provided and so cannot use scope 'node'");
	return `n:${contextData.node.id}`;
}

const rowKey = (workflowId: string, context: string) => `${workflowId}\n${context}`;
const hash = (value: DeduplicationItemTypes) => createHash('md5').update(value.toString()).digest('base64');

/** The store every harness run uses, wired into n8n-core once per test file, as n8n's CLI does at start. */
export const deduplicationStore = new InMemoryDeduplicator();

let wired = false;
export async function wireDeduplication(): Promise<void> {
	if (wired) return;
	wired = true;
	await DataDeduplicationService.init(deduplicationStore);
}
