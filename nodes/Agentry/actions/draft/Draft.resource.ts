import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteDraft from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as send from './send.operation';
import * as update from './update.operation';

export const operations = { create, delete: deleteDraft, get, getAll, send, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['draft'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create an email draft in an inbox, optionally scheduled and with attachments. Nobody receives it until it is sent (Send, or Send At).',
				action: 'Create email draft that is not delivered until sent',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a draft and its attachments without sending it',
				action: 'Delete draft without sending it',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a draft of an inbox by its ID',
				action: 'Get draft',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the drafts of an inbox, most recently updated first',
				action: 'Get many drafts',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Send a draft now. This cannot be undone.',
				action: 'Send draft email to its recipients now',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the recipients, subject, bodies or schedule of a draft',
				action: 'Update unsent draft',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteDraft.description,
	...get.description,
	...getAll.description,
	...send.description,
	...update.description,
];
