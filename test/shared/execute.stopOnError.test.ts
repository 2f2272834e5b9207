import type { INode, INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { hyperRepCredentials, useSandbox } from '../support/sandbox';

/**
 * What each On Error setting does with the other items when one item fails while many are in
 * flight: 150 HyperRep creates, the API rejecting one of them with a 422.
 */
const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const COUNT = 150;
const input: INodeExecutionData[] = Array.from({ length: COUNT }, (_, n) => ({ json: { n } }));

async function createAll(onError: INode['onError']) {
	sandbox().latencyMs = 5;
	// The fifth create to arrive is rejected; which item that is depends on arrival order.
	sandbox().faults.add({ match: { method: 'POST' }, kind: 'status', status: 422, every: 5, times: 1 });
	return await runNode({
		type: 'hyperRep',
		parameters: { resource: 'messageDraft', operation: 'create', toEmail: 'lead@example.com', subject: '={{ "Item " + $json.n }}' },
		credentials: hyperRepCredentials(sandbox()),
		input,
		onError,
	});
}

/** The item each created draft came from, by its subject. */
function createdByItem(): Map<number, string> {
	return new Map(sandbox().hyperrep.drafts(ORG).map((draft) => [Number(String(draft.subject).slice('Item '.length)), draft.draft_id]));
}

const posts = () => sandbox().log.filter((entry) => entry.method === 'POST');

test('On Error "Stop Workflow": no item starts after the failure, and the error names the items done and their drafts', async () => {
	const { items, nodeError } = await createAll('stopWorkflow');
	expect(items).toEqual([]);
	const context = (nodeError as unknown as { context: { itemIndex: number; itemsDone: number[]; idsDone: string[] } }).context;
	const failed = context.itemIndex;
	const created = createdByItem();
	const done = [...created.keys()].sort((a, b) => a - b);
	expect(done).not.toContain(failed);
	// Items in flight finished; items after them never started: not every item reached the API.
	expect(posts().length).toBe(created.size + 1);
	expect(posts().length).toBeLessThan(COUNT);
	expect(sandbox().log.every((entry) => entry.answeredAt !== undefined)).toBe(true);

	expect(context.itemsDone).toEqual(done);
	expect(context.idsDone).toEqual(done.map((item) => created.get(item)));
	const description = String((nodeError as { description?: string }).description);
	expect(description).toContain(`The node stopped at item ${failed}.`);
	expect(description).toContain(`${done.length} items done before it stopped: `);
	for (const id of created.values()) expect(description).toContain(id);
	const firstNotStarted = posts().length;
	expect(description).toContain(`Not started: ${COUNT - firstNotStarted} items, ${firstNotStarted}-${COUNT - 1}.`);
});

test('On Error "Continue": every item runs; the failed one is an error item in its place', async () => {
	const { items, nodeError } = await createAll('continueRegularOutput');
	expect(nodeError).toBeUndefined();
	expect(items).toHaveLength(COUNT);
	expect(sandbox().hyperrep.createCount).toBe(COUNT - 1);
	const failed = items.filter((item) => item.json.error !== undefined);
	expect(failed).toHaveLength(1);
	items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
	const created = createdByItem();
	items.forEach((item, index) => {
		if (item.json.error === undefined) expect(item.json.draft_id).toBe(created.get(index));
	});
});

test('On Error "Continue (using error output)": every item runs; the failed one leaves by the error output', async () => {
	const { items, errorItems, nodeError } = await createAll('continueErrorOutput');
	expect(nodeError).toBeUndefined();
	expect(items).toHaveLength(COUNT - 1);
	expect(errorItems).toHaveLength(1);
	expect(sandbox().hyperrep.createCount).toBe(COUNT - 1);
	const failedItem = (errorItems[0].pairedItem as { item: number }).item;
	expect(createdByItem().has(failedItem)).toBe(false);
	expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
		input.map((_, index) => index).filter((index) => index !== failedItem),
	);
});
