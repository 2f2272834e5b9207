import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { draftNotFound, draftPath, isDraft } from '../../api';
import { draftIdField, inboxIdField, readDraftTarget } from '../fields';
import { draftFormatter, simpleField } from './fields';

const properties: INodeProperties[] = [
	inboxIdField,
	draftIdField('The draft to get'),
	simpleField,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['draft'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const { inboxId, draftId } = readDraftTarget(this, check);
	const body = await client.request<unknown>({
		method: 'GET',
		path: draftPath(inboxId, draftId),
		notFound: draftNotFound(inboxId, draftId),
		itemIndex,
	});
	const draft = client.expectShape(body, isDraft, 'a draft with a draft_id', itemIndex);
	return [outputItem(itemIndex, draftFormatter(this, itemIndex)(draft))];
}
