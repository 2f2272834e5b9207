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
 * node continues on fail; otherwise no new item starts (items already in flight finish, their
 * requests having been sent) and the error of the first failed item is thrown.
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
	let failure: Failure | undefined;
	let next = 0;
	let active = 0;
	/** When the current stretch of starts ends; 0 while none is open. */
	let stretchEnds = 0;

	await new Promise<void>((resolve) => {
		const canStart = () => next < count && active < window.limit && !failure && !signal?.aborted;
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
						else failure = earliest(failure, { itemIndex, error });
					},
				)
				.finally(() => {
					active--;
					fill();
				});
		};
		fill();
	});
	if (failure) throw failure.error;
	return [results.flat()];
}

type Failure = { itemIndex: number; error: NodeApiError | NodeOperationError };

/** Items can fail out of order when running concurrently; the earliest one is reported. */
function earliest(current: Failure | undefined, candidate: Failure): Failure {
	return current && current.itemIndex < candidate.itemIndex ? current : candidate;
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
