import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InputCheck } from '../../../shared/validation';

/** The draft picker of Get and Delete: the organization's drafts, newest first, or an ID. */
export function draftIdField(description: string): INodeProperties {
	return {
		displayName: 'Draft',
		name: 'draftId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a draft...',
				typeOptions: { searchListMethod: 'searchDrafts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. HR_id_...',
			},
		],
	};
}

/** The chosen draft's ID, checked as a path segment; a plain string from older workflows works too. */
export function readDraftId(context: IExecuteFunctions, check: InputCheck): string {
	return check.id(context.getNodeParameter('draftId', check.itemIndex, '', { extractValue: true }), 'Draft');
}
