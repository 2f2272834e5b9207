import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { draftIdOf, paginate } from '../../shared/pagination';
import { ApiClient } from '../../shared/transport';
import { agentryApi, fetchDraftPage, MAX_PAGE_SIZE } from '../api';
import { currentInboxId } from './currentSelection';

/** How many drafts to read when collecting labels: enough to see the labels in use. */
const LABEL_SCAN_LIMIT = 1000;

/** The labels already used on the chosen inbox's most recent drafts. */
export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const inboxId = currentInboxId(this);
	const client = new ApiClient(this, agentryApi);
	const drafts = await paginate(
		client,
		async (token, size) => await fetchDraftPage(client, inboxId, token, size),
		{ returnAll: false, limit: LABEL_SCAN_LIMIT, maxPageSize: MAX_PAGE_SIZE, idOf: draftIdOf },
	);
	const labels = new Set(drafts.flatMap((draft) => draft.labels ?? []).filter((label) => typeof label === 'string'));
	return [...labels].sort((a, b) => a.localeCompare(b)).map((label) => ({ name: label, value: label }));
}
