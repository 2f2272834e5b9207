import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pickerField } from '../../shared/descriptions';
import type { InputCheck } from '../../shared/validation';

/** The inbox picker every operation starts with. */
export const inboxIdField = pickerField({
	displayName: 'Inbox',
	name: 'inboxId',
	description: 'The Agentry inbox the draft belongs to',
	searchListMethod: 'searchInboxes',
	listPlaceholder: 'Select an inbox...',
	typed: { mode: 'id', placeholder: 'e.g. sales@example.com' },
	required: true,
});

/** The draft picker: lists the drafts of the chosen inbox. */
export function draftIdField(description: string): INodeProperties {
	return pickerField({
		displayName: 'Draft',
		name: 'draftId',
		description,
		searchListMethod: 'searchDrafts',
		listPlaceholder: 'Select a draft...',
		typed: { mode: 'id', placeholder: 'e.g. dr_8f3a...' },
		required: true,
	});
}

/** The attachment picker: lists the attachments of the chosen draft. */
export function attachmentIdField(description: string): INodeProperties {
	return pickerField({
		displayName: 'Attachment',
		name: 'attachmentId',
		description,
		searchListMethod: 'searchAttachments',
		listPlaceholder: 'Select an attachment...',
		typed: { mode: 'id', placeholder: 'e.g. att_41c9...' },
		required: true,
	});
}

/** Labels, picked from those in use on the inbox's drafts, or new ones. */
export function labelsField(description: string): INodeProperties {
	return {
		displayName: 'Label Names or IDs',
		name: 'labels',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getLabels', loadOptionsDependsOn: ['inboxId.value'] },
		// Labels are free text: a new one (not yet on a draft) is as valid as those listed.
		allowArbitraryValues: true,
		default: [],
		description: `${description} Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
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
