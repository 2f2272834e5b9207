import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
 * Runs every input item through `handle`, up to `concurrency` at a time, and returns the
 * output in input order. A failed item becomes an error item when the node continues on fail;
 * otherwise no new item starts and the error of the first failed item is thrown.
 */
export async function runItems(
	context: IExecuteFunctions,
	handle: ItemHandler,
	concurrency: number,
): Promise<INodeExecutionData[][]> {
	const count = context.getInputData().length;
	const results: INodeExecutionData[][] = new Array(count);
	const continueOnFail = context.continueOnFail();
	let next = 0;
	const run: { failure?: Failure } = {};

	const worker = async () => {
		while (next < count && !run.failure) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await handle(itemIndex);
			} catch (caught) {
				const error = asNodeError(context, caught, itemIndex);
				if (continueOnFail) {
					results[itemIndex] = [errorItem(itemIndex, error)];
				} else {
					run.failure = earliest(run.failure, { itemIndex, error });
				}
			}
		}
	};
	const workers = Math.max(1, Math.min(concurrency, count));
	await Promise.all(Array.from({ length: workers }, worker));
	if (run.failure) throw run.failure.error;
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
