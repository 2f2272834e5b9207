import type { IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../../shared/operations';
import type { InputCheck } from '../../shared/validation';

/** The inbox and draft an operation on one draft works on. */
export function readDraftTarget(context: IExecuteFunctions, check: InputCheck) {
	return {
		inboxId: readId(context, check, 'inboxId', 'Inbox'),
		draftId: readId(context, check, 'draftId', 'Draft'),
	};
}
