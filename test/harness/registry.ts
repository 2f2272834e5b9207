import type { ICredentialType, IDataObject, INodeType, INodeTypes } from 'n8n-workflow';

import * as packageExports from '../../index';

/** Every node and credential the package exports, keyed the way n8n keys them. */
const exported: unknown[] = (Object.values(packageExports) as unknown[])
	// Under esModuleInterop a namespace import may also carry `default`: only classes count.
	.filter((value): value is new () => unknown => typeof value === 'function')
	.map((Class) => new Class());

export const credentialTypes: Record<string, ICredentialType> = Object.fromEntries(
	exported
		.filter((instance): instance is ICredentialType => 'properties' in (instance as object))
		.map((credential) => [credential.name, credential]),
);

export const PACKAGE = 'n8n-nodes-hyperrep-agentry';

/** The node types a workflow may use: the package's own, plus any a test adds. */
export class TestNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType>();

	constructor() {
		for (const instance of exported) {
			if ('description' in (instance as object)) this.add(instance as INodeType);
		}
	}

	/** Registers a node under `<package>.<name>`, as n8n names community nodes. */
	add(nodeType: INodeType, fullName = `${PACKAGE}.${nodeType.description.name}`): string {
		this.types.set(fullName, nodeType);
		return fullName;
	}

	getByName(name: string): INodeType {
		return this.getByNameAndVersion(name);
	}

	getByNameAndVersion(name: string): INodeType {
		const nodeType = this.types.get(name);
		if (!nodeType) throw new Error(`Unknown node type "${name}"`);
		return nodeType;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
