import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { draftPath, draftShape } from '../../api';
import { simpleDraftField, simplifyDraft } from '../../output';
import { draftIdField, readDraftId } from './fields';

const properties: INodeProperties[] = [
	draftIdField('The ID of the message draft to get'),
	simpleDraftField,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['messageDraft'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const draftId = readDraftId(this, check);
	const draft = await client.request(
		{
			method: 'GET',
			path: await draftPath(client, draftId, itemIndex),
			notFound: `Message draft "${draftId}" was not found in this organization`,
			itemIndex,
		},
		draftShape,
	);
	const simple = this.getNodeParameter('simple', itemIndex, true) === true;
	return [outputItem(itemIndex, simple ? simplifyDraft(draft) : draft)];
}
