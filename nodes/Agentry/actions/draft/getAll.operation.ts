import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import { itemFormatter } from '../../../shared/output';
import { type ItemContext, readId } from '../../../shared/operations';
import { draftIdOf, paginate } from '../../../shared/pagination';
import { fetchDraftPage, MAX_PAGE_SIZE } from '../../api';
import { simpleDraftField, simplifyDraft } from '../../output';
import { inboxRLC } from '../../descriptions/rlc.description';

const properties: INodeProperties[] = [
	{ ...inboxRLC, description: 'The inbox whose drafts to list' },
	...returnAllAndLimit(),
	simpleDraftField,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['draft'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const inboxId = readId(this, check, 'inboxId', 'Inbox');
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? 0 : check.positiveInteger(this.getNodeParameter('limit', itemIndex, 50), 'Limit');
	const drafts = await paginate(
		client,
		async (token, pageSize) => await fetchDraftPage(client, inboxId, token, pageSize, itemIndex),
		{ returnAll, limit, maxPageSize: MAX_PAGE_SIZE, idOf: draftIdOf, itemIndex },
	);
	const format = itemFormatter(this, itemIndex, simplifyDraft);
	return drafts.map((draft) => outputItem(itemIndex, format(draft)));
}
