import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollOptions, pollSettings, pollTrigger } from '../shared/polling';
import { ApiClient } from '../shared/transport';
import { InputCheck } from '../shared/validation';
import { hyperRepApi } from '../HyperRep/api';
import { searchFolders } from '../HyperRep/methods/listSearch';
import { simpleDraftField } from '../HyperRep/output';
import { draftFormatter, eventField, filtersField, readFilters } from './filters';
import { newMessageDrafts } from './newMessageDrafts';

export class HyperRepTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HyperRep Trigger',
		name: 'hyperRepTrigger',
		icon: { light: 'file:../HyperRep/hyperrep.svg', dark: 'file:../HyperRep/hyperrep.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"New message draft"}}',
		description: 'Starts the workflow when message drafts are created in HyperRep, such as drafts waiting for review',
		defaults: { name: 'HyperRep Trigger' },
		credentials: [{ name: 'hyperRepApi', required: true }],
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [eventField, filtersField, simpleDraftField, pollOptions],
	};

	methods = { listSearch: { searchFolders } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// Every setting is checked before the first request.
		const check = new InputCheck(this.getNode(), 0);
		const filters = readFilters(this, check);
		const format = draftFormatter(this, check);
		const requests = pollSettings(this, check);
		const client = new ApiClient(this, hyperRepApi, requests);
		const scope = `hyperrep:${await client.credential('organizationId')}`;
		return await pollTrigger(this, client, newMessageDrafts(client, scope, filters, format), requests);
	}
}
