import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import { itemFormatter } from '../../../shared/output';
import type { ItemContext } from '../../../shared/operations';
import { draftNotFound, draftPath, draftShape } from '../../api';
import { simpleDraftField, simplifyDraft } from '../../output';
import { draftRLC, inboxRLC } from '../../descriptions/rlc.description';
import { readDraftTarget } from '../draftTarget';

const properties: INodeProperties[] = [
	inboxRLC,
	draftRLC('The draft to get'),
	simpleDraftField,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['draft'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const { inboxId, draftId } = readDraftTarget(this, check);
	const draft = await client.request(
		{ method: 'GET', path: draftPath(inboxId, draftId), notFound: draftNotFound(inboxId, draftId), itemIndex },
		draftShape,
	);
	return [outputItem(itemIndex, itemFormatter(this, itemIndex, simplifyDraft)(draft))];
}
