import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

import { HyperRep } from '../../nodes/HyperRep/HyperRep.node';
import { deduplicationStore } from '../harness/deduplication';
import { nodeTypes, runNode } from '../harness/engine';
import { hyperRepCredentials, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

beforeEach(() => deduplicationStore.clear());

const options = { mode: 'entries' as const, maxEntries: 100 };
const where = { workflow: { id: 'wf', active: false }, node: { id: 'n1' } as never };

describe("the harness's deduplication store is n8n's", () => {
	test('calls that overlap lose each other\'s entries, as n8n\'s unlocked read-and-rewrite does', async () => {
		await deduplicationStore.checkProcessedAndRecord(['seed'], 'node', where, options);
		await Promise.all([
			deduplicationStore.checkProcessedAndRecord(['a'], 'node', where, options),
			deduplicationStore.checkProcessedAndRecord(['b'], 'node', where, options),
		]);
		expect(deduplicationStore.recorded('wf', 'n1', ['seed', 'a', 'b'])).toEqual([true, false, true]);
	});

	test('the oldest entries go beyond maxEntries', async () => {
		await deduplicationStore.checkProcessedAndRecord(['1', '2', '3'], 'node', where, { mode: 'entries', maxEntries: 2 });
		expect(deduplicationStore.recorded('wf', 'n1', ['1', '2', '3'])).toEqual([false, true, true]);
	});
});

const create = {
	resource: 'messageDraft',
	operation: 'create',
	toEmail: '={{ $json.email }}',
	subject: 'Your quote',
	options: { deduplicationKey: '={{ $json.lead_id }}', concurrency: 50 },
};

describe('Deduplication Key against that store', () => {
	test('50 items in flight at once: every key is recorded, and a re-run skips them all', async () => {
		const input = Array.from({ length: 50 }, (_, i) => ({ json: { lead_id: `L${i}`, email: `lead${i}@example.com` } }));
		const run = async () => await runNode({ type: 'hyperRep', parameters: create, credentials: hyperRepCredentials(sandbox()), input });
		expect((await run()).nodeError).toBeUndefined();
		const again = await run();
		expect(sandbox().hyperrep.createCount).toBe(50);
		expect(again.items.every((item) => item.json.skipped === true)).toBe(true);
	});

	test('an n8n without the store: a clear error before any request', async () => {
		// n8n before the store came gives nodes no checkProcessedAndRecord: the same node, its helpers without it.
		const hyperRep = new HyperRep();
		const withoutStore: INodeType = {
			description: { ...hyperRep.description, name: 'hyperRepWithoutStore' },
			async execute(this: IExecuteFunctions) {
				const helpers = { ...this.helpers, checkProcessedAndRecord: undefined, removeProcessed: undefined };
				const context = new Proxy(this, { get: (target, name) => (name === 'helpers' ? helpers : Reflect.get(target, name)) });
				return await hyperRep.execute.call(context);
			},
		};
		nodeTypes.add(withoutStore);
		const { nodeError } = await runNode({
			type: 'hyperRepWithoutStore',
			parameters: create,
			credentials: hyperRepCredentials(sandbox()),
			input: [{ json: { lead_id: 'L1', email: 'diana@example.com' } }],
		});
		expect(nodeError?.message).toBe('This n8n has no deduplication store, which Deduplication Key needs');
		expect(sandbox().log).toEqual([]);
	});
});
