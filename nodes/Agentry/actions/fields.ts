import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InputCheck } from '../../shared/validation';

/** The inbox picker every operation starts with. */
export const inboxIdField: INodeProperties = {
	displayName: 'Inbox',
	name: 'inboxId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Agentry inbox the draft belongs to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an inbox...',
			typeOptions: { searchListMethod: 'searchInboxes', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. sales@example.com',
		},
	],
};

/** The draft picker: lists the drafts of the chosen inbox. */
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
				placeholder: 'e.g. dr_8f3a...',
			},
		],
	};
}

/** The attachment picker: lists the attachments of the chosen draft. */
export function attachmentIdField(description: string): INodeProperties {
	return {
		displayName: 'Attachment',
		name: 'attachmentId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an attachment...',
				typeOptions: { searchListMethod: 'searchAttachments', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. att_41c9...',
			},
		],
	};
}

/** The value of a resource locator or plain ID parameter, checked as a path segment. */
export function readId(
	context: IExecuteFunctions,
	check: InputCheck,
	name: string,
	field: string,
): string {
	return check.id(context.getNodeParameter(name, check.itemIndex, '', { extractValue: true }), field);
}

/** The inbox and draft an operation on one draft works on. */
export function readDraftTarget(context: IExecuteFunctions, check: InputCheck) {
	return {
		inboxId: readId(context, check, 'inboxId', 'Inbox'),
		draftId: readId(context, check, 'draftId', 'Draft'),
	};
}
