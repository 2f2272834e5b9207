import type { INodeExecutionData } from 'n8n-workflow';

import { AdaptiveConcurrency } from '../../nodes/shared/concurrency';
import { DEFAULT_MAX_CONCURRENCY } from '../../nodes/shared/descriptions';
import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { hyperRepCredentials, maxInFlight, useSandbox } from '../support/sandbox';

describe('the adaptive window', () => {
	// 64, not 4: n8n keeps over 100 items busy against an API taking 200 ms, and slow start from 4
	// spent five round trips mostly idle getting there (bench: Real n8n).
	test('starts at 64 and grows by one per answer until the API first pushes back', () => {
		const window = new AdaptiveConcurrency(200);
		expect(window.limit).toBe(64);
		for (let answers = 0; answers < 4; answers++) window.grow();
		expect(window.limit).toBe(68);
		for (let answers = 0; answers < 200; answers++) window.grow();
		expect(window.limit).toBe(200);
	});

	test('halves on push-back, once per burst, then grows by one per window of answers', () => {
		const window = new AdaptiveConcurrency(200);
		for (let answers = 0; answers < 64; answers++) window.grow();
		expect(window.limit).toBe(128);
		const sent = window.epoch;
		for (let refusals = 0; refusals < 10; refusals++) window.shrink(sent);
		expect(window.limit).toBe(64);
		for (let answers = 0; answers < 64; answers++) window.grow();
		expect(window.limit).toBe(64);
		window.grow();
		expect(window.limit).toBe(65);
	});

	test('never goes below one nor above the maximum', () => {
		const small = new AdaptiveConcurrency(2);
		expect(small.limit).toBe(2);
		for (let answers = 0; answers < 10; answers++) small.grow();
		expect(small.limit).toBe(2);
		for (let refusals = 0; refusals < 10; refusals++) small.shrink(small.epoch);
		expect(small.limit).toBe(1);
	});
});

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
