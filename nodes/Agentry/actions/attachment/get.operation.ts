import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, requestSettings } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import type { ApiClient } from '../../../shared/transport';
import type { InputCheck } from '../../../shared/validation';
import { type AttachmentDownload, attachmentNotFound, attachmentPath, isAttachmentDownload } from '../../api';
import { isHttpUrl } from '../attachmentInput';
import { attachmentIdField, draftIdField, inboxIdField, readDraftTarget, readId } from '../fields';

const properties: INodeProperties[] = [
	inboxIdField,
	draftIdField('The draft the attachment belongs to'),
	attachmentIdField('The ID of the attachment, as listed in the attachments of the draft'),
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
	const attachmentId = readId(this, check, 'attachmentId', 'Attachment ID');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const field = check.text(options.binaryPropertyName ?? 'data', 'Put Output File in Field').trim() || 'data';

	const body = await client.request<unknown>({
		method: 'GET',
		path: attachmentPath(inboxId, draftId, attachmentId),
		notFound: attachmentNotFound(inboxId, draftId, attachmentId),
		itemIndex,
	});
	const attachment = client.expectShape(body, isAttachmentDownload, 'an attachment with a download_url', itemIndex);
	if (options.download !== true) return [outputItem(itemIndex, attachment)];

	const bytes = await downloadFile(this, check, client, attachment);
	const file = await this.helpers.prepareBinaryData(
		bytes,
		typeof attachment.filename === 'string' ? attachment.filename : undefined,
		typeof attachment.content_type === 'string' ? attachment.content_type : undefined,
	);
	return [outputItem(itemIndex, attachment, { [field]: file })];
}

/**
 * Fetches the file from its pre-signed download URL. A plain request on purpose: the URL
 * authorizes the download, and the Agentry token must never reach the download host.
 */
async function downloadFile(
	context: IExecuteFunctions,
	check: InputCheck,
	client: ApiClient,
	attachment: AttachmentDownload,
): Promise<Buffer> {
	const url = attachment.download_url;
	const fail = (reason: string, status?: number): never =>
		client.fail({
			message: `The file of attachment "${attachment.attachment_id}" could not be downloaded`,
			description: `${reason} The download link expires at ${attachment.expires_at}; running the item again fetches a fresh one.`,
			status,
			itemIndex: check.itemIndex,
		});
	if (!isHttpUrl(url)) {
		return fail('Agentry returned a download URL that is not an http(s) URL.');
	}
	const host = new URL(url).host;
	let response: IN8nHttpFullResponse;
	try {
		response = (await context.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'arraybuffer',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: requestSettings(context, check).timeoutMs,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		return fail(`The download host ${host} could not be reached${typeof code === 'string' ? ` (${code})` : ''}.`);
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		return fail(`The download host ${host} answered HTTP ${response.statusCode}.`, response.statusCode);
	}
	return Buffer.from(response.body as Buffer);
}
