import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InputCheck } from '../../shared/validation';

/** The inbox chosen in the node, whose drafts and labels a list shows. */
export function currentInboxId(context: ILoadOptionsFunctions): string {
	const value = context.getCurrentNodeParameter('inboxId', { extractValue: true });
	if (value === undefined || value === null || value === '') {
		throw new NodeOperationError(context.getNode(), 'Choose an inbox first', {
			description: 'This list shows what is in the chosen inbox.',
		});
	}
	return new InputCheck(context.getNode(), 0).id(value, 'Inbox');
}
