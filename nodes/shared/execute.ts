import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

export type ItemHandler = (itemIndex: number) => Promise<INodeExecutionData[]>;

/** An output item linked to the input item it came from. */
export function outputItem(itemIndex: number, json: IDataObject, binary?: INodeExecutionData['binary']) {
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	if (binary) item.binary = binary;
	return item;
}

/**
 * What a delete outputs. `already_gone` says that an earlier attempt, whose answer was lost,
 * had deleted it: the retry found nothing left to delete.
 */
export function deletedOutput(ids: IDataObject, alreadyGone: boolean): IDataObject {
	return alreadyGone ? { deleted: true, ...ids, already_gone: true } : { deleted: true, ...ids };
}

/**
 * What a failed item becomes when the node continues on failure: readable fields for the
 * regular output, and `error` on the item, which is what n8n routes to the error output by.
 */
function errorItem(itemIndex: number, error: NodeApiError | NodeOperationError): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return { json, error, pairedItem: { item: itemIndex } };
}

/** How long items may be started one after another before the event loop gets a turn to send their requests. */
const START_STRETCH_MS = 10;

/**
 * Runs every input item through `handle`, as many at a time as `window.limit` allows at each
 * moment, and returns the output in input order. A failed item becomes an error item when the
 * node continues on fail; otherwise no new item starts, items already in flight finish (their
 * requests have been sent), and the error of the first failed item is thrown, saying which items
 * were done meanwhile (`stoppedRun`).
 *
 * Starting an item evaluates its parameters, which takes n8n milliseconds, and its request leaves
 * only when the event loop gets a turn. So items start in stretches of at most START_STRETCH_MS,
 * each followed by a turn of the event loop: started all together (a window's worth at the
 * start, or in place of a bunch of answers), every request would wait for the last item's
 * parameters, and the answers would come back as bunched as the requests left.
 */
export async function runItems(
	context: IExecuteFunctions,
	handle: ItemHandler,
	window: { readonly limit: number },
): Promise<INodeExecutionData[][]> {
	const count = context.getInputData().length;
	const results: INodeExecutionData[][] = new Array(count);
	const continueOnFail = context.continueOnFail();
	const signal = context.getExecutionCancelSignal();
	const failures: Failure[] = [];
	let next = 0;
	let active = 0;
	/** When the current stretch of starts ends; 0 while none is open. */
	let stretchEnds = 0;

	await new Promise<void>((resolve) => {
		const canStart = () => next < count && active < window.limit && failures.length === 0 && !signal?.aborted;
		const inStretch = () => {
			if (stretchEnds === 0) {
				stretchEnds = Date.now() + START_STRETCH_MS;
				// The next turn of the event loop closes the stretch and goes on filling the window.
				void sleep(0).then(() => {
					stretchEnds = 0;
					fill();
				});
			}
			return Date.now() < stretchEnds;
		};
		const fill = () => {
			while (canStart() && inStretch()) start();
			if (active === 0 && !canStart()) resolve();
		};
		const start = () => {
			const itemIndex = next++;
			active++;
			void handle(itemIndex)
				.then(
					(items) => {
						results[itemIndex] = items;
					},
					(caught: unknown) => {
						const error = asNodeError(context, caught, itemIndex);
						if (continueOnFail) results[itemIndex] = [errorItem(itemIndex, error)];
						else failures.push({ itemIndex, error });
					},
				)
				.finally(() => {
					active--;
					fill();
				});
		};
		fill();
	});
	if (failures.length > 0) throw count > 1 ? stoppedRun(failures, results, next, count) : failures[0].error;
	return [results.flat()];
}

type Failure = { itemIndex: number; error: NodeApiError | NodeOperationError };

/** Fields that identify what an item created or touched, the most specific first. */
const ID_FIELDS = ['attachment_id', 'draft_id'];
/** IDs listed in the description; the error's context has them all. */
const MAX_IDS_SHOWN = 1000;

/**
 * The error a stopped run throws: the earliest failed item's (items fail out of order when
 * several are in flight), its description extended with what became of the other items, so that
 * the user can tell which items to run again without repeating any: the items done, with the IDs
 * of what they did, the other failed items, and the items never started.
 */
function stoppedRun(failures: Failure[], results: INodeExecutionData[][], started: number, total: number) {
	failures.sort((a, b) => a.itemIndex - b.itemIndex);
	const [{ itemIndex, error }, ...others] = failures;
	const done: number[] = [];
	const ids: string[] = [];
	results.forEach((items, index) => {
		done.push(index);
		for (const item of items) {
			const field = ID_FIELDS.find((name) => typeof item.json[name] === 'string');
			if (field) ids.push(item.json[field] as string);
		}
	});
	const lines = [`The node stopped at item ${itemIndex}.`];
	if (done.length === 0) lines.push('No other item was done.');
	else {
		lines.push(`${count(done.length)} done before it stopped: ${ranges(done)}; running every item again would repeat ${plural(done.length, 'it', 'them')}.`);
		if (ids.length > 0) {
			const shown = ids.slice(0, MAX_IDS_SHOWN).join(', ');
			const more = ids.length > MAX_IDS_SHOWN ? ` and ${ids.length - MAX_IDS_SHOWN} more` : '';
			lines.push(`${plural(ids.length, 'ID', 'IDs')} of what ${plural(done.length, 'it', 'they')} did, in item order: ${shown}${more}.`);
		}
	}
	if (others.length > 0) lines.push(`Also failed: ${count(others.length)}, ${ranges(others.map((other) => other.itemIndex))}.`);
	if (started < total) {
		lines.push(`Not started: ${count(total - started)}, ${started === total - 1 ? started : `${started}-${total - 1}`}.`);
	}
	error.description = [error.description, lines.join(' ')].filter(Boolean).join('\n\n');
	error.context.itemsDone = done;
	error.context.idsDone = ids;
	return error;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const count = (n: number) => `${n} ${plural(n, 'item', 'items')}`;

/** Sorted item indices as ranges: `0-9, 11, 13-20`. */
function ranges(indices: number[]): string {
	const parts: string[] = [];
	for (let at = 0; at < indices.length; ) {
		let end = at;
		while (end + 1 < indices.length && indices[end + 1] === indices[end] + 1) end++;
		parts.push(end === at ? String(indices[at]) : `${indices[at]}-${indices[end]}`);
		at = end + 1;
	}
	return parts.join(', ');
}

function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
