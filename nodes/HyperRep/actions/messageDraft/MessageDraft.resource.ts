import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteDraft from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = { create, delete: deleteDraft, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['messageDraft'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create an outbound email or text message to a new contact: saved for a person to review in HyperRep, or queued to send at once',
				action: 'Create email or text draft to review or send now',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a message draft that has not been sent',
				action: 'Delete unsent message draft',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a message draft by its ID',
				action: 'Get message draft',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the message drafts of the organization, newest first',
				action: 'Get many message drafts',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...deleteDraft.description,
];
