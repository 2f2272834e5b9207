import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { draftPath, expectDraft } from '../../api';
import { draftIdField } from './fields';

const properties: INodeProperties[] = [
	draftIdField('The ID of the message draft to get'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['messageDraft'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const draftId = check.id(this.getNodeParameter('draftId', itemIndex), 'Draft ID');
	const body = await client.request<unknown>({
		method: 'GET',
		path: await draftPath(client, draftId),
		notFound: `Message draft "${draftId}" was not found in this organization`,
		itemIndex,
	});
	return [outputItem(itemIndex, expectDraft(client, body, itemIndex))];
}
