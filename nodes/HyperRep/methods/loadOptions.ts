import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { paginate } from '../../shared/pagination';
import { ApiClient } from '../../shared/transport';
import { DEFAULT_FOLDER, fetchDraftPage, hyperRepApi, MAX_PAGE_SIZE } from '../api';

/** How many drafts to read when collecting folder names: enough to see the folders in use. */
const FOLDER_SCAN_LIMIT = 1000;

/** The folders already in use by the organization's drafts, plus the default one. */
export async function getFolders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = new ApiClient(this, hyperRepApi);
	const drafts = await paginate(client, async (cursor, size) => await fetchDraftPage(client, cursor, size), {
		returnAll: false,
		limit: FOLDER_SCAN_LIMIT,
		maxPageSize: MAX_PAGE_SIZE,
	});
	const folders = new Set([DEFAULT_FOLDER, ...drafts.map((draft) => draft.folder).filter(Boolean)]);
	return [...folders].sort().map((folder) => ({ name: folder, value: folder }));
}
