import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import { type ItemContext, readId } from '../../../shared/operations';
import { attachmentDownloadShape, attachmentNotFound, attachmentPath } from '../../api';
import { attachmentRLC, draftRLC, inboxRLC } from '../../descriptions/rlc.description';
import { readDraftTarget } from '../draftTarget';

const properties: INodeProperties[] = [
	inboxRLC,
	draftRLC('The draft the attachment belongs to'),
	attachmentRLC('The ID of the attachment, as listed in the attachments of the draft'),
	optionsCollection([
		{
			displayName: 'Download',
			name: 'download',
			type: 'boolean',
			default: false,
			description: 'Whether to also download the file into a binary field of the output item',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			hint: 'The name of the output binary field to put the downloaded file in (used with Download)',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attachment'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const { inboxId, draftId } = readDraftTarget(this, check);
	const attachmentId = readId(this, check, 'attachmentId', 'Attachment');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const field = check.line(options.binaryPropertyName ?? 'data', 'Put Output File in Field') || 'data';

	const attachment = await client.request(
		{
			method: 'GET',
			path: attachmentPath(inboxId, draftId, attachmentId),
			notFound: attachmentNotFound(inboxId, draftId, attachmentId),
			itemIndex,
		},
		attachmentDownloadShape,
	);
	if (options.download !== true) return [outputItem(itemIndex, attachment)];

	const bytes = await client.download(attachment.download_url, {
		message: `The file of attachment "${attachment.attachment_id}" could not be downloaded`,
		advice: `The download link expires at ${attachment.expires_at}; running the item again fetches a fresh one.`,
		itemIndex,
	});
	const file = await this.helpers.prepareBinaryData(
		bytes,
		typeof attachment.filename === 'string' ? attachment.filename : undefined,
		typeof attachment.content_type === 'string' ? attachment.content_type : undefined,
	);
	return [outputItem(itemIndex, attachment, { [field]: file })];
}
