import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { deduplicationStore } from '../../harness/deduplication';
import { runNode } from '../../harness/engine';
import { Sandbox } from '../../sandbox/server';
import { hyperRepCredentials, useSandbox } from '../../support/sandbox';

/**
 * n8n's deduplication store loses records when executions on two workers write its row at once
 * (a lost update). A key it lost is resolved at HyperRep: the draft an earlier execution made is
 * found and the item skipped with it, never created twice.
 */

const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;

beforeEach(() => deduplicationStore.clear());

const lead = (number: number) => ({ json: { lead_id: `L${number}`, email: `lead${number}@example.com`, name: `Lead ${number}` } });

function create(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'messageDraft',
		operation: 'create',
		toEmail: '={{ $json.email }}',
		subject: '={{ "Welcome, " + $json.name }}',
		options: { deduplicationKey: '={{ $json.lead_id }}' },
		...extra,
	};
}

async function execution(input: INodeExecutionData[], parameters: INodeParameters = create()) {
	return await runNode({ type: 'hyperRep', parameters, credentials: hyperRepCredentials(sandbox()), input });
}

/** Runs one execution while another execution's store call overlaps it: the records it made are lost. */
async function executionWhoseKeysAreLost(input: INodeExecutionData[], parameters?: INodeParameters) {
	const overlapping = deduplicationStore.overlappingCall();
	const run = await execution(input, parameters);
	overlapping();
	return run;
}

const lists = () => sandbox().log.filter((request) => request.method === 'GET').length;

describe('HyperRep Create, a Deduplication Key the store lost', () => {
	test('the re-run finds the draft at HyperRep and skips the item with it: one draft', async () => {
		// The node's row exists (an earlier lead), as in any workflow that ran before.
		await execution([lead(0)]);
		const first = await executionWhoseKeysAreLost([lead(1)]);
		const draftId = first.items[0].json.draft_id;
		expect(typeof draftId).toBe('string');
		expect(deduplicationStore.recorded('test-workflow', 'node-1', ['done:L1'])).toEqual([false]);

		const again = await execution([lead(1)]);
		expect(again.nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(2);
		expect(again.items[0].json).toMatchObject({ skipped: true, deduplication_key: 'L1', draft_id: draftId });
		expect(sandbox().hyperrep.drafts(ORG).filter((draft) => draft.recipient_email === 'lead1@example.com')).toHaveLength(1);
	});

	test('many lost keys re-sent in one run: every lead skipped with its own draft, from one list request', async () => {
		await execution([lead(0)]);
		const leads = Array.from({ length: 20 }, (_, index) => lead(index + 1));
		const made = new Map<string, unknown>();
		for (const item of leads) made.set(item.json.lead_id, (await executionWhoseKeysAreLost([item])).items[0].json.draft_id);
		sandbox().clearLog();

		const again = await execution(leads);
		expect(again.nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(21);
		expect(again.items.map((item) => [item.json.deduplication_key, item.json.skipped, item.json.draft_id])).toEqual(
			leads.map((item) => [item.json.lead_id, true, made.get(item.json.lead_id)]),
		);
		expect(lists()).toBe(1);
	});

	test('two items of one run with the same content and lost keys take one earlier draft each, never one for both', async () => {
		await execution([lead(0)]);
		const twin = { json: { ...lead(1).json, lead_id: 'L1-again' } };
		await executionWhoseKeysAreLost([lead(1), twin]);
		expect(sandbox().hyperrep.createCount).toBe(3);

		const again = await execution([lead(1), twin]);
		const ids = again.items.map((item) => item.json.draft_id);
		expect(again.items.map((item) => item.json.skipped)).toEqual([true, true]);
		expect(new Set(ids).size).toBe(2);
		expect(sandbox().hyperrep.createCount).toBe(3);
	});

	test('a Send Now draft still listed (queued) is found: the lead is not emailed twice', async () => {
		await execution([lead(0)]);
		const sendNow = create({ delivery: 'sendNow' });
		const first = await executionWhoseKeysAreLost([lead(1)], sendNow);
		const again = await execution([lead(1)], sendNow);
		expect(again.items[0].json).toMatchObject({ skipped: true, draft_id: first.items[0].json.draft_id });
		expect(sandbox().hyperrep.createCount).toBe(2);
	});

	test('a new key is created when nothing matches, also for Send Now: the lookup never blocks a keyed create', async () => {
		sandbox().hyperrep.deliverAtOnce = true;
		const { items, nodeError } = await execution([lead(1)], create({ delivery: 'sendNow' }));
		expect(nodeError).toBeUndefined();
		expect(items[0].json.skipped).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(1);
	});

	test("a sequence's next step to the same recipient (other content, its own key) is created", async () => {
		await execution([lead(1)]);
		const dayThree = create({ subject: 'Checking in', options: { deduplicationKey: '={{ $json.lead_id }}-day-3' } });
		const { items, nodeError } = await execution([lead(1)], dayThree);
		expect(nodeError).toBeUndefined();
		expect(items[0].json.skipped).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(2);
	});

	test('the look-back is a day: a matching draft from 23 hours ago is found, one from 25 hours ago is not', async () => {
		const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
		// Each lead's draft as the node makes it, then moved back in time: made by an execution long ago.
		const earlier = new Map<string, string>();
		for (const [item, hours] of [[lead(1), 23], [lead(2), 25]] as const) {
			await execution([item]);
			const [made] = sandbox().hyperrep.drafts(ORG);
			sandbox().hyperrep.markPromoted(made.draft_id);
			const moved = sandbox().hyperrep.addDraft(ORG, { ...made, draft_id: `${made.draft_id}-earlier`, created_at: hoursAgo(hours) });
			earlier.set(item.json.lead_id, moved.draft_id);
		}
		// Every key lost.
		deduplicationStore.clear();

		const again = await execution([lead(1), lead(2)]);
		expect(again.items[0].json).toMatchObject({ skipped: true, draft_id: earlier.get('L1') });
		expect(again.items[1].json.skipped).toBeUndefined();
		expect(again.items[1].json.draft_id).not.toBe(earlier.get('L2'));
		expect(sandbox().hyperrep.createCount).toBe(3);
	});
});
