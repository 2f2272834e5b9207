import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { paginate } from '../../../shared/pagination';
import { fetchDraftPage, MAX_PAGE_SIZE } from '../../api';
import { simpleDraftField, simplifyDraft } from '../../output';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description:
				"Only drafts created at or before this time, in the workflow's time zone unless it has one. A date alone includes that whole day.",
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description:
				"Only drafts created at or after this time, in the workflow's time zone unless it has one. A date alone starts at the beginning of that day.",
		},
	]),
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
	const query: IDataObject = {};
	if (filters.startDate) query.start_date = check.dateTime(filters.startDate, 'Start Date');
	if (filters.endDate) query.end_date = check.dateTime(filters.endDate, 'End Date', 'end');
	if (query.start_date && query.end_date && query.start_date > query.end_date) {
		check.fail('Start Date is after End Date', 'Swap the dates, or clear one of them.');
	}

	const drafts = await paginate(
		client,
		async (cursor, pageSize) => await fetchDraftPage(client, cursor, pageSize, query, itemIndex),
		{ returnAll, limit, maxPageSize: MAX_PAGE_SIZE, itemIndex },
	);
	const simple = this.getNodeParameter('simple', itemIndex, true) === true;
	return drafts.map((draft) => outputItem(itemIndex, simple ? simplifyDraft(draft) : draft));
}
