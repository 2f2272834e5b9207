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
	// What follows is n8n's CredentialsTester.runRequestTest (n8n 2.41): a message per status
	// from the test's rules, else the status text, else the network error's code.
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
		// n8n 2.41 reads the status and network code from the error's `cause`, which n8n-core
		// 2.8's errors drop; their `httpCode` carries the same.
		const { cause, httpCode, message } = error as {
			cause?: { code?: string; response?: { status: number; statusText?: string } };
			httpCode?: string;
			message: string;
		};
		const status = cause?.response?.status ?? (/^\d+$/.test(httpCode ?? '') ? Number(httpCode) : undefined);
		const code = cause?.code ?? (/^E[A-Z_]+$/.test(httpCode ?? '') ? httpCode : undefined);
		if (status !== undefined) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			return { status: 'Error', message: cause?.response?.statusText || `Received HTTP status code: ${status}` };
		}
		if (code) return { status: 'Error', message: code };
		return { status: 'Error', message };
	} finally {
		releaseEngineTimers();
	}
}
