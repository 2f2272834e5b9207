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

/**
 * Runs every input item through `handle`, as many at a time as `window.limit` allows at each
 * moment, and returns the output in input order. A failed item becomes an error item when the
 * node continues on fail; otherwise no new item starts (items already in flight finish, their
 * requests having been sent) and the error of the first failed item is thrown.
 *
 * Until the API first answers, items start one per turn of the event loop, so that each request
 * is on its way while the next item's parameters are read; started all at once, the whole first
 * window's expressions would be evaluated before the first request left. Then answers drive it.
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
	let answered = false;
	let next = 0;
	let active = 0;

	await new Promise<void>((resolve) => {
		const canStart = () => next < count && active < window.limit && !failure && !signal?.aborted;
		const start = (itemIndex: number) => {
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
					answered = true;
					active--;
					pump();
				});
		};
		const pump = () => {
			while (canStart()) {
				start(next++);
				if (!answered) {
					void sleep(0).then(pump);
					return;
				}
			}
			if (active === 0) resolve();
		};
		pump();
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
