import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getFolders } from '../../HyperRep/methods/loadOptions';

/** The folders in use by the organization's drafts (as the HyperRep node lists them), filtered by name. */
export async function searchFolders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const wanted = filter?.trim().toLowerCase() ?? '';
	const folders = await getFolders.call(this);
	return {
		results: folders
			.filter((folder) => folder.name.toLowerCase().includes(wanted))
			.map((folder) => ({ name: folder.name, value: String(folder.value) })),
	};
}
