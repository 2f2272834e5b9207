import type { INode, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { requestOptionFields } from '../nodes/shared/descriptions';
import { DEFAULT_SETTINGS } from '../nodes/shared/transport';
import { nodeTypes } from './harness/engine';
import { credentialTypes, PACKAGE } from './harness/registry';

/** What the editor and AI agents read in the nodes' descriptions, checked against n8n's UX guidelines. */

const ACTION_NODES = ['hyperRep', 'agentry'];

/** Every property of a node, nested ones (collections, fixed collections) included. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		const nested = (property.options ?? []).flatMap((option) =>
			'values' in option ? allProperties(option.values) : 'displayName' in option && 'type' in option ? allProperties([option as INodeProperties]) : [],
		);
		return [property, ...nested];
	});
}

function operationsOf(nodeType: INodeType) {
	return nodeType.description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options ?? []).map((option) => ({
				resource: property.displayOptions?.show?.resource?.[0] as string,
				...(option as { value: string; action?: string; name: string }),
			})),
		);
}

describe.each(ACTION_NODES)('%s', (name) => {
	const nodeType = nodeTypes.getByName(`${PACKAGE}.${name}`);

	test('actions name what happens without articles', () => {
		for (const { action } of operationsOf(nodeType)) {
			expect(action).toBeDefined();
			expect(action).not.toMatch(/\b(a|an|the)\b/i);
		}
	});

	test("the automatic AI tool description of every operation is its action in n8n's wording", () => {
		for (const { resource, value, action } of operationsOf(nodeType)) {
			const node = { parameters: { resource, operation: value } } as unknown as INode;
			const described = NodeHelpers.getToolDescriptionForNode(node, nodeType);
			expect(described).toBe(`${action} in ${nodeType.description.defaults.name}`);
		}
	});
});

test('creates tell an AI agent what happens to the recipient', () => {
	const described = (name: string, resource: string) =>
		NodeHelpers.getToolDescriptionForNode(
			{ parameters: { resource, operation: 'create' } } as unknown as INode,
			nodeTypes.getByName(`${PACKAGE}.${name}`),
		);
	expect(described('hyperRep', 'messageDraft')).toMatch(/review or send now/);
	expect(described('agentry', 'draft')).toMatch(/not delivered until sent/);
});

test('every placeholder shows an example, as n8n\'s guidelines ask', () => {
	const placeholders: string[] = [];
	const types = [...['hyperRep', 'agentry', 'hyperRepTrigger', 'agentryTrigger'].map((name) => nodeTypes.getByName(`${PACKAGE}.${name}`))];
	for (const nodeType of types) {
		for (const property of allProperties(nodeType.description.properties)) {
			// Collections' buttons ("Add Field") are not placeholders of a value.
			if (property.placeholder && !['collection', 'fixedCollection'].includes(property.type)) placeholders.push(property.placeholder);
			for (const mode of property.modes ?? []) {
				if (mode.placeholder && mode.type !== 'list') placeholders.push(mode.placeholder);
			}
		}
	}
	for (const credential of Object.values(credentialTypes)) {
		for (const property of credential.properties) if (property.placeholder) placeholders.push(property.placeholder);
	}
	expect(placeholders.length).toBeGreaterThan(10);
	for (const placeholder of placeholders) expect(placeholder).toMatch(/^e\.g\. /);
});

test('the Max Retries option shows the transport’s default', () => {
	const field = requestOptionFields.find((option) => option.name === 'maxRetries');
	expect(field?.default).toBe(DEFAULT_SETTINGS.maxRetries);
});
