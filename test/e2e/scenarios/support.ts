import { Sandbox } from '../../sandbox/server';
import type { LoggedRequest } from '../../sandbox/types';
import { readExamples, type WorkflowJson } from '../workflow';

export const ORG = Sandbox.HYPERREP_ORG_ID;
export const SALES_INBOX = 'sales@agentry.test';
export const REVIEW_INBOX = 'review@agentry.test';

/** An example workflow from `examples/`, by its ID. */
export function example(id: string): WorkflowJson {
	const found = readExamples().find((workflow) => workflow.id === id);
	if (!found) throw new Error(`No example workflow with ID ${id} in examples/`);
	return found;
}

/** The API requests the sandbox received with this method and a path matching `path`. */
export function requests(sandbox: Sandbox, method: string, path: RegExp): LoggedRequest[] {
	return sandbox.log.filter((entry) => entry.method === method && path.test(entry.path));
}

export const HYPERREP_CREATE = /\/message-drafts$/;
export const AGENTRY_CREATE = /\/human\/v0\/inboxes\/[^/]+\/drafts$/;

export function body(request: LoggedRequest | undefined): Record<string, unknown> {
	return (request?.body ?? {}) as Record<string, unknown>;
}

/** Only the named fields of an object, for comparing what matters. */
export function pick(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
	return Object.fromEntries(keys.filter((key) => key in value).map((key) => [key, value[key]]));
}

/** The item indexes an output's items are linked to. */
export function pairedIndexes(items: Array<{ pairedItem?: { item: number } | Array<{ item: number }> }>): number[] {
	return items.map(({ pairedItem }) => (Array.isArray(pairedItem) ? pairedItem[0]?.item : pairedItem?.item) ?? -1);
}
