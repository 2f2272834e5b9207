import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { draftNotFound, draftPath, sendResultShape } from '../../api';
import { draftRLC, inboxRLC } from '../../descriptions/rlc.description';
import { readDraftTarget } from '../draftTarget';

const properties: INodeProperties[] = [
	inboxRLC,
	draftRLC('The draft to send now'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['draft'], operation: ['send'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const { inboxId, draftId } = readDraftTarget(this, check);
	const result = await client.request(
		{
			method: 'POST',
			path: `${draftPath(inboxId, draftId)}/send`,
			// Sending has no idempotency key: an email whose send is in doubt must not go out twice.
			safety: 'unsafe',
			ifOutcomeUnknown: {
				effect: 'the email may already have been sent',
				check: `Check in inbox "${inboxId}" of Agentry whether draft "${draftId}" went out before running this item again.`,
			},
			notFound: draftNotFound(inboxId, draftId),
			itemIndex,
		},
		sendResultShape,
	);
	return [outputItem(itemIndex, { ...result, draft_id: draftId })];
}
