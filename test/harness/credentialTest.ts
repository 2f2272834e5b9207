import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { additionalData, nodeTypes, releaseEngineTimers } from './engine';
import { credentialTypes } from './registry';

/**
 * Runs a credential's `test` request the way n8n's "Test credential" button does: as the
 * routing request of a throwaway node, through n8n-core's RoutingNode and HTTP helper, with the
 * credential applied by its `authenticate` block. Returns n8n's verdict.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const testRequest = credentialTypes[type]?.test;
	if (!testRequest) throw new Error(`Credential type "${type}" has no test request`);

	const nodeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Credential test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const fullName = nodeTypes.add(nodeType, 'test.credentialTest');
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: fullName,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: 'credential-under-test', name: type } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData({ [type]: data }),
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentials = { id: 'credential-under-test', name: type, type, data };
	try {
		const response = await new RoutingNode(context, nodeType, credentials).runNode();
		for (const rule of testRequest.rules ?? []) {
			if (rule.type !== 'responseSuccessBody') continue;
			const body = response?.[0]?.[0]?.json ?? {};
			if (body[rule.properties.key] === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		const { cause, message } = error as { cause?: { response?: { status: number } }; message: string };
		if (cause?.response) {
			return { status: 'Error', message: `Received HTTP status code: ${cause.response.status}` };
		}
		return { status: 'Error', message };
	} finally {
		releaseEngineTimers();
	}
}
