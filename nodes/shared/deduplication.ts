import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { outputItem } from './execute';
import type { ItemContext } from './operations';
import { isOutcomeUnknown } from './outcomes';

/** The option that makes an operation exactly once across executions (its name is public: workflows use it). */
export const deduplicationKeyField: INodeProperties = {
	displayName: 'Deduplication Key',
	name: 'deduplicationKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.lead_id }}',
	description:
		"A value unique to what this item stands for, e.g. the lead's ID. Another execution of this workflow (a re-run, another worker) skips an item whose key this node already handled, and one that crashed midway is resolved before anything is done again. Kept in n8n's deduplication store for the last 10,000 keys of this node.",
};

/** How many keys a node keeps, as Remove Duplicates keeps by default; older keys are forgotten. */
export const MAX_KEYS = 10_000;
const MAX_KEY_LENGTH = 1000;

/** What an earlier execution left for a key. */
export type KeyState =
	/** Nothing: this run claimed the key. */
	| 'new'
	/** Done: skip the item. */
	| 'done'
	/** Claimed and not finished (a crash, or a failure whose outcome is unknown): look before acting. */
	| 'pending';

type Store = Pick<IExecuteFunctions['helpers'], 'checkProcessedAndRecord' | 'removeProcessed'>;

/** Claims are stamped to the hour, so that a later execution knows since when to look. */
const HOUR_MS = 3_600_000;
/** How far back a pending claim's stamp is searched for: a week of hours. */
const STAMP_HOURS = 7 * 24;

/**
 * One node run's view of n8n's deduplication store. Each key has entries: `done:` stays once the
 * key is claimed; `open:` and `at:<hour>` stay until its work is known to be done. The store
 * reads and rewrites one row per node with no lock, so concurrent calls would lose each other's
 * entries: every call of a run goes through one queue.
 */
class KeyStore {
	private queue: Promise<unknown> = Promise.resolve();
	private readonly options = { mode: 'entries' as const, maxEntries: MAX_KEYS };
	/** The hour stamps to remove when a key is finished. */
	private readonly stamps = new Map<string, string[]>();

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly store: Store,
	) {}

	/** Claims the key, or says what an earlier execution left. */
	async claim(key: string): Promise<KeyState> {
		const stamp = stampOf(key, Math.floor(Date.now() / HOUR_MS));
		const { processed } = await this.record([open(key), done(key), stamp]);
		if (processed.includes(open(key))) {
			this.stamps.set(key, [stamp]);
			return 'pending';
		}
		if (!processed.includes(done(key))) {
			this.stamps.set(key, [stamp]);
			return 'new';
		}
		// Checking recorded `open:` too: take it back.
		await this.remove([open(key), stamp]);
		return 'done';
	}

	/**
	 * Since when a pending key's work may have been done: the start of the earliest hour its
	 * claims were stamped with, or undefined when none is found within a week.
	 */
	async pendingSince(key: string): Promise<number | undefined> {
		const now = Math.floor(Date.now() / HOUR_MS);
		const hours = Array.from({ length: STAMP_HOURS }, (_, back) => now - back);
		const stamps = hours.map((hour) => stampOf(key, hour));
		// The store can only check by recording: what was not there is taken back.
		const { processed, new: added } = await this.record(stamps);
		await this.remove(added.map(String));
		this.stamps.set(key, processed.map(String));
		const earliest = hours.filter((_, index) => processed.includes(stamps[index])).at(-1);
		return earliest === undefined ? undefined : earliest * HOUR_MS;
	}

	/** The key's work is done. */
	async finish(key: string): Promise<void> {
		await this.remove([open(key), ...(this.stamps.get(key) ?? [])]);
	}

	/** Nothing was done for the key: a later execution starts afresh. */
	async release(key: string): Promise<void> {
		await this.remove([open(key), done(key), ...(this.stamps.get(key) ?? [])]);
	}

	private async record(entries: string[]) {
		return await this.call(async () => await this.store.checkProcessedAndRecord(entries, 'node', this.options));
	}

	private async remove(entries: string[]) {
		if (entries.length > 0) await this.call(async () => await this.store.removeProcessed(entries, 'node', this.options));
	}

	private async call<T>(operation: () => Promise<T>): Promise<T> {
		const result = this.queue.then(operation);
		this.queue = result.catch(() => undefined);
		try {
			return await result;
		} catch (error) {
			throw new NodeOperationError(this.context.getNode(), "n8n's deduplication store failed", {
				description: `The Deduplication Key could not be checked or recorded: ${(error as Error).message}`,
			});
		}
	}
}

const stampOf = (key: string, hour: number) => `at:${hour}:${key}`;
const open = (key: string) => `open:${key}`;
const done = (key: string) => `done:${key}`;

/** A key an earlier execution claimed and did not finish. */
export interface PendingClaim {
	key: string;
	/** Since when its work may have been done, or undefined when that is not known. */
	since: () => Promise<number | undefined>;
}

/** The run's key store, or a clear error where this n8n has none. */
function keyStore(context: IExecuteFunctions, item: ItemContext): KeyStore {
	return item.run.get('keyStore', () => {
		const { checkProcessedAndRecord, removeProcessed } = context.helpers ?? {};
		if (typeof checkProcessedAndRecord !== 'function' || typeof removeProcessed !== 'function') {
			throw new NodeOperationError(context.getNode(), "This n8n has no deduplication store, which Deduplication Key needs", {
				itemIndex: item.itemIndex,
				description: 'Update n8n (the store came with the Remove Duplicates node, version 2), or clear the Deduplication Key option.',
			});
		}
		return new KeyStore(context, { checkProcessedAndRecord, removeProcessed });
	});
}

/** The item's Deduplication Key, or undefined when it has none. */
export function deduplicationKeyOf(context: IExecuteFunctions, item: ItemContext): string | undefined {
	const options = context.getNodeParameter('options', item.itemIndex, {}) as IDataObject;
	// Once the option is set, an item without a value must not run unprotected: an expression
	// naming a field the item lacks is an error, not a silent opt-out.
	if (!('deduplicationKey' in options)) return undefined;
	const raw = options.deduplicationKey;
	if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
	const key = item.check.text(raw, 'Deduplication Key', MAX_KEY_LENGTH).trim();
	if (key === '') item.check.fail('Deduplication Key is empty for this item: give each item a value, e.g. its lead ID');
	return key;
}

/** What a skipped item outputs: the key, and the earlier draft's ID when known. */
export function skippedOutput(itemIndex: number, key: string, earlier: IDataObject = {}): INodeExecutionData[] {
	return [outputItem(itemIndex, { ...earlier, skipped: true, deduplication_key: key })];
}

/**
 * Runs an item's work at most once per Deduplication Key across executions: a key done earlier
 * is skipped; a key left pending (a crash between the request and the record, or an unknown
 * outcome) is handed to `work` with `pending` set, which must look before acting again. The key
 * is recorded as pending before the work and as done after it; a failure that proves nothing
 * was done releases it. Items of one run with the same key go one after another, and once one
 * succeeded the others are skipped.
 */
export async function exactlyOnce(
	context: IExecuteFunctions,
	item: ItemContext,
	key: string | undefined,
	work: (pending?: PendingClaim) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	if (key === undefined) return await work();
	const store = keyStore(context, item);
	const inRun = item.run.get('keysInRun', () => new Map<string, Promise<unknown>>());
	const before = inRun.get(key);
	const settled = (async () => {
		// An earlier item of this run did the key: skipped without the store, which may have lost it since.
		if (before && (await before.then(() => true, () => false))) return skippedOutput(item.itemIndex, key);
		const state = await store.claim(key);
		if (state === 'done') return skippedOutput(item.itemIndex, key);
		const pending = state === 'pending' ? { key, since: async () => await store.pendingSince(key) } : undefined;
		const outcome = await work(pending).then(
			(output) => ({ output }),
			(error: unknown) => ({ error }),
		);
		if ('output' in outcome) {
			await store.finish(key);
			return outcome.output;
		}
		// Only a failure of fresh work that proves nothing happened frees the key.
		if (state === 'new' && !isOutcomeUnknown(outcome.error)) await store.release(key);
		throw outcome.error;
	})();
	inRun.set(key, settled);
	return await settled;
}
