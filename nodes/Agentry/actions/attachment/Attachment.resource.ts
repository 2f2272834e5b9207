import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as deleteAttachment from './delete.operation';
import * as get from './get.operation';

export const operations = { add, delete: deleteAttachment, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['attachment'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Attach a file to a draft, from a binary field of the input item or from a URL',
				action: 'Add attachment to draft',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Remove an attachment from a draft',
				action: 'Delete attachment from draft',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get an attachment's details, and optionally download the file",
				action: 'Get attachment of draft',
			},
		],
		default: 'add',
	},
	...add.description,
	...deleteAttachment.description,
	...get.description,
];
