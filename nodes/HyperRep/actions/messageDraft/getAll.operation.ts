import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { itemFormatter } from '../../../shared/output';
import { draftIdOf, paginate } from '../../../shared/pagination';
import { fetchDraftPage, MAX_PAGE_SIZE } from '../../api';
import { hyperRepFields } from '../../descriptions/fields';
import { simpleDraftField, simplifyDraft } from '../../output';

const FILTERS = ['endDate', 'startDate'];

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection(hyperRepFields.sortedProperties(FILTERS)),
	simpleDraftField,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['messageDraft'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? 0 : check.positiveInteger(this.getNodeParameter('limit', itemIndex, 50), 'Limit');
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = hyperRepFields.body(check, filters, FILTERS);
	if (query.start_date && query.end_date && query.start_date > query.end_date) {
		check.fail('Start Date is after End Date', 'Swap the dates, or clear one of them.');
	}

	const drafts = await paginate(
		client,
		async (cursor, pageSize) => await fetchDraftPage(client, cursor, pageSize, query, itemIndex),
		{ returnAll, limit, maxPageSize: MAX_PAGE_SIZE, idOf: draftIdOf, itemIndex },
	);
	const format = itemFormatter(this, itemIndex, simplifyDraft);
	return drafts.map((draft) => outputItem(itemIndex, format(draft)));
}
