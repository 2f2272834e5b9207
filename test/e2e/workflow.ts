import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CREDENTIALS } from './credentials';

/** Workflows as n8n exports and imports them (File > Import, `n8n import:workflow`). */

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: 'continueErrorOutput' | 'continueRegularOutput' | 'stopWorkflow';
	/** A Webhook node's own ID, which n8n keeps with its registration. */
	webhookId?: string;
}

type Connection = { node: string; type: string; index: number };

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, Record<string, Connection[][]>>;
	settings: Record<string, unknown>;
	active?: boolean;
}

export const PACKAGE = 'n8n-nodes-hyperrep-agentry';
export const EXAMPLES = join(__dirname, '..', '..', 'examples');

export function readExamples(): WorkflowJson[] {
	return readdirSync(EXAMPLES)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson);
}

export function manualTrigger(): WorkflowNode {
	return node('Start', 'n8n-nodes-base.manualTrigger', 1, {});
}

export function code(name: string, jsCode: string): WorkflowNode {
	return node(name, 'n8n-nodes-base.code', 2, { jsCode });
}

export function hyperRep(name: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}): WorkflowNode {
	const { id, name: credentialName } = CREDENTIALS.hyperRep;
	return { ...node(name, `${PACKAGE}.hyperRep`, 1, parameters), credentials: { hyperRepApi: { id, name: credentialName } }, ...extra };
}

export function agentry(name: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}): WorkflowNode {
	const { id, name: credentialName } = CREDENTIALS.agentry;
	return { ...node(name, `${PACKAGE}.agentry`, 1, parameters), credentials: { agentryApi: { id, name: credentialName } }, ...extra };
}

export function node(name: string, type: string, typeVersion: number, parameters: Record<string, unknown>): WorkflowNode {
	return { id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name, type, typeVersion, position: [0, 0], parameters };
}

/** `[from, to]` or `[from, to, output]` pairs as main connections. */
export function connect(...links: Array<[string, string] | [string, string, number]>): WorkflowJson['connections'] {
	const connections: WorkflowJson['connections'] = {};
	for (const [from, to, output = 0] of links) {
		const outputs = (connections[from] ??= { main: [] }).main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

/** A workflow of the lane's own, laid out left to right, with the editor's default execution order. */
export function workflow(id: string, name: string, nodes: WorkflowNode[], links: Parameters<typeof connect>, settings: Record<string, unknown> = {}): WorkflowJson {
	const placed = nodes.map((entry, index) => ({ ...entry, position: [index * 220, 0] as [number, number] }));
	return { id, name, nodes: placed, connections: connect(...links), settings: { executionOrder: 'v1', ...settings }, active: false };
}
