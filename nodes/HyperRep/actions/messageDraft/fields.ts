import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pickerField } from '../../../shared/descriptions';
import type { InputCheck } from '../../../shared/validation';

/** The draft picker of Get and Delete: the organization's drafts, newest first, or an ID. */
export function draftIdField(description: string): INodeProperties {
	return pickerField({
		displayName: 'Draft',
		name: 'draftId',
		description,
		searchListMethod: 'searchDrafts',
		listPlaceholder: 'Select a draft...',
		typed: { mode: 'id', placeholder: 'e.g. HR_id_...' },
		required: true,
	});
}

/** The folder picker: the folders in use, or a name, new or not. */
export function folderField(description: string, nameHint?: string): INodeProperties {
	return pickerField({
		displayName: 'Folder',
		name: 'folder',
		description,
		searchListMethod: 'searchFolders',
		listPlaceholder: 'Select a folder...',
		typed: { mode: 'name', placeholder: 'e.g. Sales Follow-up', hint: nameHint },
	});
}

/** The chosen draft's ID, checked as a path segment; a plain string from older workflows works too. */
export function readDraftId(context: IExecuteFunctions, check: InputCheck): string {
	return check.id(context.getNodeParameter('draftId', check.itemIndex, '', { extractValue: true }), 'Draft');
}
