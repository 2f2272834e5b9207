import type { INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_MAX_CONCURRENCY } from '../../nodes/shared/descriptions';
import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { hyperRepCredentials, maxInFlight, useSandbox } from '../support/sandbox';

describe('bulk creates in a node run', () => {
	const sandbox = useSandbox();
	const ORG = Sandbox.HYPERREP_ORG_ID;
	const input: INodeExecutionData[] = Array.from({ length: 120 }, (_, n) => ({ json: { n } }));

	async function createAll(options: Record<string, number> = {}) {
		sandbox().latencyMs = 20;
		return await runNode({
			type: 'hyperRep',
			parameters: {
				resource: 'messageDraft',
				operation: 'create',
				toEmail: 'lead@example.com',
				subject: '={{ "Item " + $json.n }}',
				options,
			},
			credentials: hyperRepCredentials(sandbox()),
			input,
		});
	}

	test('by default many items are in flight at once, and the output keeps input order', async () => {
		const { items, nodeError } = await createAll();
		expect(nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(120);
		const inFlight = maxInFlight(sandbox().log);
		expect(inFlight).toBeGreaterThan(8);
		expect(inFlight).toBeLessThanOrEqual(DEFAULT_MAX_CONCURRENCY);
		const subjects = new Map(sandbox().hyperrep.drafts(ORG).map((draft) => [draft.draft_id, draft.subject]));
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(subjects.get(item.json.draft_id as string)).toBe(`Item ${index}`);
		});
	});

	test.each([1, 5])('Max Concurrency %i is never exceeded', async (concurrency) => {
		const { nodeError } = await createAll({ concurrency });
		expect(nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(120);
		expect(maxInFlight(sandbox().log)).toBeLessThanOrEqual(concurrency);
	});

	test('without Continue On Fail, a failed item stops new items; those in flight finish', async () => {
		sandbox().faults.add({ match: { method: 'POST' }, kind: 'status', status: 400, every: 5, times: 1 });
		const { nodeError } = await createAll();
		expect(nodeError?.message).toMatch(/HTTP 400/);
		expect((nodeError as { context?: { itemIndex?: number } }).context?.itemIndex).toBeLessThan(120);
		// Started items completed (their requests were sent), later ones never started.
		expect(sandbox().log.every((entry) => entry.answeredAt !== undefined)).toBe(true);
		expect(sandbox().log.length).toBeLessThan(120);
	});
});
