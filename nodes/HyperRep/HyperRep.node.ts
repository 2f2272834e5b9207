import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as messageDraft from './actions/messageDraft/MessageDraft.resource';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';

export class HyperRep implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HyperRep',
		name: 'hyperRep',
		icon: { light: 'file:hyperrep.svg', dark: 'file:hyperrep.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, list, get and delete outbound email and text message drafts in HyperRep',
		defaults: { name: 'HyperRep' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hyperRepApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Message Draft', value: 'messageDraft' }],
				default: 'messageDraft',
			},
			...messageDraft.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
