import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import { type ItemContext, readId } from '../../../shared/operations';
import { itemFormatter } from '../../../shared/output';
import { draftPath, draftShape } from '../../api';
import { simpleDraftField, simplifyDraft } from '../../output';
import { draftRLC } from '../../descriptions/rlc.description';

const properties: INodeProperties[] = [
	draftRLC('The ID of the message draft to get'),
	simpleDraftField,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['messageDraft'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const draftId = readId(this, check, 'draftId', 'Draft');
	const draft = await client.request(
		{
			method: 'GET',
			path: await draftPath(client, draftId, itemIndex),
			notFound: `Message draft "${draftId}" was not found in this organization`,
			itemIndex,
		},
		draftShape,
	);
	return [outputItem(itemIndex, itemFormatter(this, itemIndex, simplifyDraft)(draft))];
}
