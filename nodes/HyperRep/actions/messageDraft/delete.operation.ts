import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { deletedOutput, outputItem } from '../../../shared/execute';
import { type ItemContext, readId } from '../../../shared/operations';
import { quote } from '../../../shared/quote';
import { draftPath, isPlainNotFound } from '../../api';
import { draftRLC } from '../../descriptions/rlc.description';

const properties: INodeProperties[] = [
	draftRLC('The ID of the message draft to delete'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['messageDraft'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const draftId = readId(this, check, 'draftId', 'Draft');
	const { alreadyGone } = await client.remove({
		path: await draftPath(client, draftId, itemIndex),
		notFound: `Message draft ${quote(draftId)} was not found in this organization`,
		goneIf: isPlainNotFound,
		itemIndex,
	});
	return [outputItem(itemIndex, deletedOutput({ draft_id: draftId }, alreadyGone))];
}
