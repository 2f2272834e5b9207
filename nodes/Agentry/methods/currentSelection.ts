import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InputCheck } from '../../shared/validation';

/** A picker's choice made earlier in the node, whose contents a list shows. */
function currentChoice(context: ILoadOptionsFunctions, parameter: string, field: string, shows: string): string {
	const value = context.getCurrentNodeParameter(parameter, { extractValue: true });
	if (value === undefined || value === null || value === '') {
		throw new NodeOperationError(context.getNode(), `Choose ${field === 'Inbox' ? 'an inbox' : 'a draft'} first`, {
			description: `This list shows ${shows}.`,
		});
	}
	return new InputCheck(context.getNode(), 0).id(value, field);
}

/** The inbox chosen in the node, whose drafts and labels a list shows. */
export function currentInboxId(context: ILoadOptionsFunctions): string {
	return currentChoice(context, 'inboxId', 'Inbox', 'what is in the chosen inbox');
}

/** The draft chosen in the node, whose attachments a list shows. */
export function currentDraftId(context: ILoadOptionsFunctions): string {
	return currentChoice(context, 'draftId', 'Draft', 'the attachments of the chosen draft');
}
