import type { INodeProperties } from 'n8n-workflow';

/** The Draft ID field of Get and Delete. */
export function draftIdField(description: string): INodeProperties {
	return {
		displayName: 'Draft ID',
		name: 'draftId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'HR_id_...',
		description,
	};
}
