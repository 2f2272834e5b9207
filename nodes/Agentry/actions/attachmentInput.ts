import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readBinary } from '../../shared/binary';
import type { InputCheck } from '../../shared/validation';
import { agentryFields } from '../descriptions/fields';

/** Where an attachment's content comes from. */
export const attachmentSourceFields: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binaryData',
				description: 'A file in a binary field of the input item, uploaded as its content',
			},
			{
				name: 'URL',
				value: 'url',
				description: 'A public URL that Agentry fetches the file from',
			},
		],
		default: 'binaryData',
		description: 'Where the attachment comes from',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to attach. Separate several names with commas to attach several files.',
		displayOptions: { show: { source: ['binaryData'] } },
	},
	agentryFields.property('url'),
];

const ATTACHMENT_DETAILS = ['contentDisposition', 'contentId', 'contentType', 'filename'];

/** How the attachment is presented: what a file's metadata says unless set here. */
export const attachmentDetailFields: INodeProperties[] = agentryFields.sortedProperties(ATTACHMENT_DETAILS);

export interface AttachmentInput {
	source?: string;
	binaryPropertyName?: unknown;
	url?: unknown;
	contentDisposition?: unknown;
	contentId?: unknown;
	contentType?: unknown;
	filename?: unknown;
}

/** An attachment as the API takes it; `content` stays a Buffer until `jsonWithBase64`. */
export interface AttachmentBody {
	content?: Buffer;
	url?: string;
	filename?: string;
	content_type?: string;
	content_disposition?: string;
	content_id?: string;
}

/**
 * The attachments one input describes: one per binary field named, or one for a URL. Nothing is
 * sent here, so a missing binary field or a bad URL fails the item before any request.
 */
export async function attachmentBodies(
	context: IExecuteFunctions,
	check: InputCheck,
	input: AttachmentInput,
): Promise<AttachmentBody[]> {
	const details = attachmentDetails(check, input);
	if (input.source === 'url') {
		return [{ ...details, url: agentryFields.read(check, 'url', input.url) as string }];
	}
	const names = check.stringList(input.binaryPropertyName ?? 'data', 'Input Binary Field');
	if (names.length === 0) check.fail('Input Binary Field is empty', 'Name the binary field holding the file, e.g. data.');
	if (names.length > 1 && (details.filename || details.content_id)) {
		check.fail(
			'Filename and Content ID can only be set for a single file',
			'Attach the files one by one, or leave Filename and Content ID empty to use each file’s own name.',
		);
	}
	const bodies: AttachmentBody[] = [];
	for (const name of names) {
		const file = await readBinary(context, check, name);
		bodies.push({
			content: file.data,
			filename: details.filename ?? file.filename,
			content_type: details.content_type ?? file.contentType,
			content_disposition: details.content_disposition,
			content_id: details.content_id,
		});
	}
	return bodies;
}

/** Filename, Content Type, Content Disposition and Content ID, as the API names them; empty ones left out. */
function attachmentDetails(check: InputCheck, input: AttachmentInput): Omit<AttachmentBody, 'content' | 'url'> {
	return agentryFields.body(check, input as IDataObject, ATTACHMENT_DETAILS);
}
