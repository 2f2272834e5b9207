import type { INodeProperties } from 'n8n-workflow';

import { draftPicker, pickerField } from '../../shared/descriptions';

/** The draft picker of Get and Delete: the organization's drafts, newest first, or an ID. */
export function draftRLC(description: string): INodeProperties {
	return draftPicker(description, 'HR_id_...');
}

/** The folder picker of Create and the trigger: the folders in use, or a name, new or not. */
export function folderRLC(description: string, nameHint?: string): INodeProperties {
	return pickerField({
		displayName: 'Folder',
		name: 'folder',
		description,
		searchListMethod: 'searchFolders',
		listPlaceholder: 'Select a folder...',
		typed: { mode: 'name', placeholder: 'e.g. Sales Follow-up', hint: nameHint },
	});
}
