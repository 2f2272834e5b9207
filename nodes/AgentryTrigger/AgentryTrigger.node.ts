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
import { inboxRLC } from '../Agentry/descriptions/rlc.description';
import { agentryApi } from '../Agentry/api';
import { searchInboxes } from '../Agentry/methods/listSearch';
import { getLabels } from '../Agentry/methods/loadOptions';
import { draftEvents } from './draftEvents';
import { eventFormatter, eventsField, filtersField, readEvents, simpleField } from './events';

export class AgentryTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Agentry Trigger',
		name: 'agentryTrigger',
		icon: { light: 'file:../Agentry/agentry.svg', dark: 'file:../Agentry/agentry.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when drafts of an Agentry inbox are created or updated, or fail to send',
		defaults: { name: 'Agentry Trigger' },
		credentials: [{ name: 'agentryApi', required: true }],
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ ...inboxRLC, description: 'The inbox whose drafts to watch' },
			eventsField,
			filtersField,
			simpleField,
			pollOptions,
		],
	};

	methods = { listSearch: { searchInboxes }, loadOptions: { getLabels } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// Every setting is checked before the first request.
		const check = new InputCheck(this.getNode(), 0);
		const inboxId = check.id(this.getNodeParameter('inboxId', '', { extractValue: true }), 'Inbox');
		const events = readEvents(this, check);
		const format = eventFormatter(this, check);
		const requests = pollSettings(this, check);
		const client = new ApiClient(this, agentryApi, requests);
		return await pollTrigger(this, client, draftEvents(client, inboxId, events, format), requests);
	}
}
