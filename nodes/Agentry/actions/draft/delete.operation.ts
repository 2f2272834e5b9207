import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { deletedOutput, outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { draftNotFound, draftPath } from '../../api';
import { draftRLC, inboxRLC } from '../../descriptions/rlc.description';
import { readDraftTarget } from '../draftTarget';

const properties: INodeProperties[] = [
	inboxRLC,
	draftRLC('The draft to delete, with its attachments'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['draft'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const { inboxId, draftId } = readDraftTarget(this, check);
	const { alreadyGone } = await client.remove({
		path: draftPath(inboxId, draftId),
		notFound: draftNotFound(inboxId, draftId),
		// Only the draft itself missing, not the inbox, is what a lost delete leaves.
		goneIf: ({ code }) => code === 'draft_not_found',
		itemIndex,
	});
	return [outputItem(itemIndex, deletedOutput({ draft_id: draftId }, alreadyGone))];
}
