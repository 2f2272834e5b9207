import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { useFilesystemBinaryData } from './harness/binaryMode';
import { nodeTypes, runNode, runWorkflow } from './harness/engine';
import { PACKAGE } from './harness/registry';
import { Sandbox } from './sandbox/server';
import { hyperRepCredentials, useSandbox } from './support/sandbox';

const sandbox = useSandbox();

/** A test-only node that reads an input file and writes it back reversed, through n8n's helpers. */
const reverseFile: INodeType = {
	description: {
		displayName: 'Reverse File',
		name: 'reverseFile',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Reverse File' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		return [
			await Promise.all(
				items.map(async (_item, index) => {
					const bytes = await this.helpers.getBinaryDataBuffer(index, 'data');
					const reversed = Buffer.from(bytes).reverse();
					const binary = await this.helpers.prepareBinaryData(reversed, 'reversed.bin', 'application/octet-stream');
					return { json: { size: bytes.length }, binary: { data: binary }, pairedItem: { item: index } };
				}),
			),
		];
	},
};
nodeTypes.add(reverseFile);

test('a two-node workflow runs through WorkflowExecute, with expressions reading the previous output', async () => {
	const credentials = { hyperRepApi: { id: 'c1', name: 'HyperRep' } };
	const { output, run } = await runWorkflow({
		nodes: [
			{
				id: 'a',
				name: 'Create',
				type: `${PACKAGE}.hyperRep`,
				typeVersion: 1,
				position: [0, 0],
				credentials,
				parameters: {
					resource: 'messageDraft',
					operation: 'create',
					toEmail: 'diana@example.com',
					subject: 'Hello',
				},
			},
			{
				id: 'b',
				name: 'Get',
				type: `${PACKAGE}.hyperRep`,
				typeVersion: 1,
				position: [200, 0],
				credentials,
				parameters: { resource: 'messageDraft', operation: 'get', draftId: '={{ $json.draft_id }}' },
			},
		],
		connections: { Create: { main: [[{ node: 'Get', type: NodeConnectionTypes.Main, index: 0 }]] } },
		credentials: hyperRepCredentials(sandbox()),
	});
	expect(run.status).toBe('success');
	const created = output('Create')[0].json;
	expect(output('Get')[0].json).toMatchObject({ draft_id: created.draft_id, subject: 'Hello' });
	expect(sandbox().log.map((entry) => entry.method)).toEqual(['POST', 'GET']);
	expect(sandbox().log.every((entry) => entry.headers['x-api-key'] === Sandbox.HYPERREP_API_KEY)).toBe(true);
});

test('binary data goes in and out through n8n-core helpers', async () => {
	const bytes = Buffer.from('hello, binary world');
	const { items, nodeError } = await runNode({
		type: 'reverseFile',
		parameters: {},
		input: [{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType: 'text/plain', fileName: 'a.txt' } } }],
	});
	expect(nodeError).toBeUndefined();
	expect(items[0].json).toEqual({ size: bytes.length });
	const out = items[0].binary?.data;
	expect(out?.fileName).toBe('reversed.bin');
	expect(Buffer.from(out?.data ?? '', 'base64').toString()).toBe('dlrow yranib ,olleh');
});

test('a node error ends the run as failed and is reported for that node', async () => {
	const { run, nodeError, items } = await runNode({
		type: 'hyperRep',
		parameters: { resource: 'messageDraft', operation: 'get', draftId: 'HR_id_missing' },
		credentials: hyperRepCredentials(sandbox()),
	});
	expect(run.status).toBe('error');
	expect(items).toEqual([]);
	expect(nodeError?.message).toContain('HR_id_missing');
});

test("n8n-core's SSH cleanup interval is released after a run, so test processes can exit", async () => {
	await runNode({ type: 'reverseFile', parameters: {}, input: [] });
	const manager = Container.get(SSHClientsManager) as unknown as { cleanupTimer: { _destroyed: boolean } };
	expect(manager.cleanupTimer._destroyed).toBe(true);
});

test('binary data kept on disk (filesystem mode) works the same way', async () => {
	const restore = await useFilesystemBinaryData();
	try {
		const { BinaryDataService } = await import('n8n-core');
		const service = Container.get(BinaryDataService);
		const stored = await service.store(
			{ type: 'execution', workflowId: 'test-workflow', executionId: 'test-execution' },
			Buffer.from('on disk'),
			{ mimeType: 'text/plain', fileName: 'disk.txt', data: '' },
		);
		expect(stored.id).toMatch(/^filesystem/);
		const { items } = await runNode({ type: 'reverseFile', parameters: {}, input: [{ json: {}, binary: { data: stored } }] });
		expect(items[0].json).toEqual({ size: 7 });
		expect(items[0].binary?.data.id).toMatch(/^filesystem/);
		const reversed = await service.getAsBuffer(items[0].binary!.data);
		expect(reversed.toString()).toBe('ksid no');
	} finally {
		restore();
	}
});
