import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonWithBase64 } from '../../../shared/binary';
import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { attachmentShape, attachmentsPath, draftNotFound } from '../../api';
import {
	attachmentBodies,
	attachmentDetailFields,
	type AttachmentInput,
	attachmentSourceFields,
} from '../attachmentInput';
import { draftRLC, inboxRLC } from '../../descriptions/rlc.description';
import { readDraftTarget } from '../draftTarget';

const properties: INodeProperties[] = [
	inboxRLC,
	draftRLC('The draft to attach the file to'),
	...attachmentSourceFields,
	optionsCollection(attachmentDetailFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attachment'], operation: ['add'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const { inboxId, draftId } = readDraftTarget(this, check);
	const param = (name: string) => this.getNodeParameter(name, itemIndex, '');
	const attachments = await attachmentBodies(this, check, {
		...(this.getNodeParameter('options', itemIndex, {}) as AttachmentInput),
		source: String(param('source')),
		binaryPropertyName: param('binaryPropertyName'),
		url: param('url'),
	});

	const output: INodeExecutionData[] = [];
	// One request per file: the API takes one attachment at a time.
	for (const attachment of attachments) {
		const added = await client.request(
			{
				method: 'POST',
				path: attachmentsPath(inboxId, draftId),
				body: jsonWithBase64(attachment),
				// No idempotency key: an upload whose outcome is unknown could attach the file twice.
				safety: 'unsafe',
				ifOutcomeUnknown: {
					effect: 'the file may already be attached',
					check: `Get draft "${draftId}" to see which attachments it already has before running this item again.`,
				},
				notFound: draftNotFound(inboxId, draftId),
				itemIndex,
			},
			attachmentShape,
		);
		output.push(outputItem(itemIndex, { ...added, draft_id: draftId, inbox_id: inboxId }));
	}
	return output;
}
