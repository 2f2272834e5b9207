import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { containsFilter } from '../../shared/listSearch';
import { paginate } from '../../shared/pagination';
import { ApiClient } from '../../shared/transport';
import { DEFAULT_FOLDER, fetchDraftPage, hyperRepApi, MAX_PAGE_SIZE } from '../api';

/** How many drafts to read when collecting folder names: enough to see the folders in use. */
const FOLDER_SCAN_LIMIT = 1000;

/**
 * The folders in use by the organization's latest drafts, plus the default one, filtered by
 * name. HyperRep has no list of folders; a new one is made by typing its name ("By Name").
 */
export async function searchFolders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = new ApiClient(this, hyperRepApi);
	const drafts = await paginate(client, async (cursor, size) => await fetchDraftPage(client, cursor, size), {
		returnAll: false,
		limit: FOLDER_SCAN_LIMIT,
		maxPageSize: MAX_PAGE_SIZE,
	});
	const folders = new Set([DEFAULT_FOLDER, ...drafts.map((draft) => draft.folder).filter(Boolean)]);
	return {
		results: [...folders]
			.filter((folder) => containsFilter(filter, [folder]))
			.sort()
			.map((folder) => ({ name: folder, value: folder })),
	};
}
