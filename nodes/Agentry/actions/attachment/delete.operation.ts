import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { deletedOutput, outputItem } from '../../../shared/execute';
import { type ItemContext, readId } from '../../../shared/operations';
import { attachmentNotFound, attachmentPath } from '../../api';
import { attachmentRLC, draftRLC, inboxRLC } from '../../descriptions/rlc.description';
import { readDraftTarget } from '../draftTarget';

const properties: INodeProperties[] = [
	inboxRLC,
	draftRLC('The draft the attachment belongs to'),
	attachmentRLC('The ID of the attachment to remove from the draft'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attachment'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const { inboxId, draftId } = readDraftTarget(this, check);
	const attachmentId = readId(this, check, 'attachmentId', 'Attachment');
	const { alreadyGone } = await client.remove({
		path: attachmentPath(inboxId, draftId, attachmentId),
		notFound: attachmentNotFound(inboxId, draftId, attachmentId),
		// Only the attachment itself missing, not the inbox or the draft, is what a lost delete leaves.
		goneIf: ({ code }) => code === 'attachment_not_found',
		itemIndex,
	});
	return [outputItem(itemIndex, deletedOutput({ attachment_id: attachmentId }, alreadyGone))];
}
