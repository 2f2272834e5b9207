import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AdaptiveConcurrency } from './concurrency';
import { maxConcurrencyOf, requestSettings } from './descriptions';
import { runItems } from './execute';
import { ApiClient, type ApiDefinition, DEFAULT_SETTINGS, newRunState } from './transport';
import { InputCheck } from './validation';

/** Values that are the same for every item of one node run, computed once for the run. */
export class RunMemo {
	private readonly values = new Map<string, unknown>();

	get<T>(name: string, compute: () => T): T {
		if (!this.values.has(name)) this.values.set(name, compute());
		return this.values.get(name) as T;
	}
}

/** What an operation gets for one input item. */
export interface ItemContext {
	itemIndex: number;
	/** Shared by all items of the run. */
	run: RunMemo;
	/** Validates the item's input, failing with errors that name the item. */
	check: InputCheck;
	/** The API, with this item's retry and timeout settings. */
	client: ApiClient;
}

export type OperationExecute = (
	this: IExecuteFunctions,
	item: ItemContext,
) => Promise<INodeExecutionData[]>;

/** An `<operation>.operation.ts` module. */
export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}

/** A node's operations by resource, then by operation. */
export type OperationTable = Record<string, Record<string, OperationModule>>;

/**
 * Runs the selected operation for every input item: one API client (one credential lookup,
 * one 429 gate, one concurrency window) for the whole run, each item with its own checks and
 * settings.
 */
export async function routeOperations(
	context: IExecuteFunctions,
	api: ApiDefinition,
	table: OperationTable,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const module = table[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	const timeZone = context.getTimezone();
	// n8n hands out a deep copy of the node each time: one for the run's checks.
	const node = context.getNode();
	// One window for the run, set by the first item: every answer adjusts how many are in flight.
	const window = new AdaptiveConcurrency(maxConcurrencyOf(context, new InputCheck(node, 0, timeZone)));
	const client = new ApiClient(context, api, DEFAULT_SETTINGS, newRunState(window));
	const run = new RunMemo();
	return await runItems(
		context,
		async (itemIndex) => {
			const check = new InputCheck(node, itemIndex, timeZone);
			const itemClient = client.withSettings(requestSettings(context, check));
			return await module.execute.call(context, { itemIndex, run, check, client: itemClient });
		},
		window,
	);
}

/** The value of a resource locator or plain ID parameter, checked as a path segment. */
export function readId(context: IExecuteFunctions, check: InputCheck, name: string, field: string): string {
	return check.id(context.getNodeParameter(name, check.itemIndex, '', { extractValue: true }), field);
}
