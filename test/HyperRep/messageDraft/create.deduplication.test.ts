import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { deduplicationStore } from '../../harness/deduplication';
import { runNode } from '../../harness/engine';
import { Sandbox } from '../../sandbox/server';
import { hyperRepCredentials, useSandbox } from '../../support/sandbox';

const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;

beforeEach(() => deduplicationStore.clear());

const leads = [
	{ json: { lead_id: 'L1', email: 'diana@example.com' } },
	{ json: { lead_id: 'L2', email: 'steve@example.com' } },
];

function create(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'messageDraft',
		operation: 'create',
		toEmail: '={{ $json.email }}',
		subject: 'Your quote',
		options: { deduplicationKey: '={{ $json.lead_id }}' },
		...extra,
	};
}

/** One execution of the same workflow and node, as a re-run in n8n is. */
async function execution(parameters: INodeParameters = create(), input: INodeExecutionData[] = leads) {
	return await runNode({ type: 'hyperRep', parameters, credentials: hyperRepCredentials(sandbox()), input });
}

describe('Deduplication Key on HyperRep Create', () => {
	test('a re-run skips the items whose key was done, on the success output, linked to their input', async () => {
		const first = await execution();
		expect(first.nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(2);

		const again = await execution(create(), [...leads, { json: { lead_id: 'L3', email: 'etta@example.com' } }]);
		expect(again.nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(3);
		expect(again.items.map((item) => item.json.skipped ?? false)).toEqual([true, true, false]);
		expect(again.items[0].json).toEqual({ skipped: true, deduplication_key: 'L1' });
		expect(again.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('two items of one run with the same key make one draft', async () => {
		const { items } = await execution(create(), [leads[0], { json: { ...leads[0].json } }]);
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(items[1].json).toEqual({ skipped: true, deduplication_key: 'L1' });
	});

	test('a crash between the create and its record: the re-run finds the draft and creates nothing', async () => {
		// The database write marking the key done fails, as when the worker dies right after the request.
		deduplicationStore.failNext('removeProcessed');
		const crashed = await execution(create(), [leads[0]]);
		expect(crashed.nodeError?.message).toContain('deduplication store');
		const [draft] = sandbox().hyperrep.drafts(ORG);

		const again = await execution(create(), [leads[0]]);
		expect(again.nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(again.items[0].json).toMatchObject({ skipped: true, deduplication_key: 'L1', draft_id: draft.draft_id });

		// And now it is done.
		const third = await execution(create(), [leads[0]]);
		expect(third.items[0].json).toEqual({ skipped: true, deduplication_key: 'L1' });
		expect(sandbox().hyperrep.createCount).toBe(1);
	});

	test('a crash after the claim, before the request: the re-run proves nothing was made and creates it', async () => {
		deduplicationStore.failNext('checkProcessedAndRecord', true);
		const crashed = await execution(create(), [leads[0]]);
		expect(crashed.nodeError).toBeDefined();
		expect(sandbox().hyperrep.createCount).toBe(0);

		const again = await execution(create(), [leads[0]]);
		expect(again.nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(again.items[0].json.skipped).toBeUndefined();
		expect(again.items[0].json.draft_id).toBe(sandbox().hyperrep.drafts(ORG)[0].draft_id);
	});

	test('a Send Now draft that may have left the list is never created again: the re-run fails with guidance', async () => {
		sandbox().hyperrep.deliverAtOnce = true;
		const sendNow = create({ delivery: 'sendNow' });
		deduplicationStore.failNext('removeProcessed');
		await execution(sendNow, [leads[0]]);
		expect(sandbox().hyperrep.drafts(ORG)).toEqual([]);

		const again = await execution(sendNow, [leads[0]]);
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(again.nodeError?.message).toBe(
			'An earlier execution started this item (Deduplication Key "L1") and did not finish: the draft may already exist',
		);
		expect(again.nodeError?.description).toContain('Send Now draft leaves the list');
	});

	test('a create the API refused frees the key: the re-run creates it', async () => {
		sandbox().hyperrep.setChannels(ORG, { email: false });
		const refused = await execution(create(), [leads[0]]);
		expect(refused.nodeError?.message).toContain('no email channel');

		sandbox().hyperrep.setChannels(ORG, { email: true });
		const again = await execution(create(), [leads[0]]);
		expect(again.nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(again.items[0].json.skipped).toBeUndefined();
	});

	test('a key expression naming a field the item lacks is bad input, never a silent opt-out', async () => {
		const { nodeError } = await execution(create(), [{ json: { email: 'diana@example.com' } }]);
		expect(nodeError?.message).toContain('Deduplication Key');
		expect(sandbox().log).toEqual([]);
		expect(sandbox().hyperrep.createCount).toBe(0);
	});

	test('an empty key for an item is bad input, reported before any request', async () => {
		const { nodeError } = await execution(create(), [{ json: { lead_id: '  ', email: 'diana@example.com' } }]);
		expect(nodeError?.message).toContain('Deduplication Key is empty');
		expect(sandbox().log).toEqual([]);
	});
});
