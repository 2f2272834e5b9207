import type { INodeProperties } from 'n8n-workflow';

import { draftPicker, pickerField } from '../../shared/descriptions';

/** The inbox picker every operation and the trigger start with. */
export const inboxRLC = pickerField({
	displayName: 'Inbox',
	name: 'inboxId',
	description: 'The Agentry inbox the draft belongs to',
	searchListMethod: 'searchInboxes',
	listPlaceholder: 'Select an inbox...',
	typed: { mode: 'id', placeholder: 'e.g. sales@example.com' },
	required: true,
});

/** The draft picker: lists the drafts of the chosen inbox. */
export function draftRLC(description: string): INodeProperties {
	return draftPicker(description, 'dr_8f3a...');
}

/** The attachment picker: lists the attachments of the chosen draft. */
export function attachmentRLC(description: string): INodeProperties {
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
