import { LoadOptionsContext } from 'n8n-core';
import type {
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { CredentialsByType } from './engine';
import { additionalData, credentialReferences, nodeTypes, releaseEngineTimers } from './engine';
import { PACKAGE } from './registry';

interface MethodCall {
	/** The node's short name, e.g. `agentry`. */
	type: string;
	method: string;
	/** The node's current parameters, as the editor sends them. */
	parameters?: INodeParameters;
	credentials: CredentialsByType;
}

/**
 * A context like the one n8n's editor gets when it asks a node for options: n8n-core's own
 * LoadOptionsContext, on a one-node workflow, with the test's credentials.
 */
function contextFor({ type, parameters = {}, credentials }: MethodCall) {
	const node: INode = {
		id: 'node-1',
		name: 'Node',
		type: `${PACKAGE}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: credentialReferences(credentials),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const data = additionalData(credentials);
	data.currentNodeParameters = parameters;
	return {
		context: new LoadOptionsContext(workflow, node, data, ''),
		nodeType: nodeTypes.getByName(node.type),
	};
}

/** Calls one of a node's `methods.loadOptions` functions. */
export async function loadOptions(call: MethodCall): Promise<INodePropertyOptions[]> {
	const { context, nodeType } = contextFor(call);
	const method = nodeType.methods?.loadOptions?.[call.method];
	if (!method) throw new Error(`No loadOptions method "${call.method}"`);
	try {
		return await method.call(context);
	} finally {
		releaseEngineTimers();
	}
}

/** Calls one of a node's `methods.listSearch` functions, as a resource locator's list does. */
export async function listSearch(
	call: MethodCall & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const { context, nodeType } = contextFor(call);
	const method = nodeType.methods?.listSearch?.[call.method];
	if (!method) throw new Error(`No listSearch method "${call.method}"`);
	try {
		return await method.call(context, call.filter, call.paginationToken);
	} finally {
		releaseEngineTimers();
	}
}
