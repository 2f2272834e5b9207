import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readBinary } from '../../shared/binary';
import { quote } from '../../shared/quote';
import type { InputCheck } from '../../shared/validation';

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
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/files/quote.pdf',
		description: 'The http(s) URL of the file',
		displayOptions: { show: { source: ['url'] } },
	},
];

/** How the attachment is presented: what a file's metadata says unless set here. */
export const attachmentDetailFields: INodeProperties[] = [
	{
		displayName: 'Content Disposition',
		name: 'contentDisposition',
		type: 'options',
		options: [
			{ name: 'Attachment', value: 'attachment', description: 'Shown as a file attached to the email' },
			{ name: 'Inline', value: 'inline', description: 'Shown inside the HTML body, referenced by its Content ID' },
		],
		default: 'attachment',
		description: 'Whether the file is a regular attachment or an inline image of the HTML body',
	},
	{
		displayName: 'Content ID',
		name: 'contentId',
		type: 'string',
		default: '',
		placeholder: 'e.g. logo',
		description: 'For inline images: the ID the HTML body refers to, as in &lt;img src="cid:logo"&gt;',
	},
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'string',
		default: '',
		placeholder: 'e.g. application/pdf',
		description: "The MIME type. Empty uses the binary file's MIME type.",
	},
	{
		displayName: 'Filename',
		name: 'filename',
		type: 'string',
		default: '',
		placeholder: 'e.g. quote.pdf',
		description: "The file name recipients see. Empty uses the binary file's name.",
	},
];

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
		return [{ ...details, url: check.httpUrl(input.url, 'URL') }];
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

function attachmentDetails(check: InputCheck, input: AttachmentInput) {
	const optional = (value: unknown, field: string) => check.line(value, field) || undefined;
	const disposition = optional(input.contentDisposition, 'Content Disposition');
	if (disposition !== undefined && disposition !== 'inline' && disposition !== 'attachment') {
		check.fail(`Content Disposition must be "inline" or "attachment", not ${quote(disposition)}`);
	}
	return {
		filename: optional(input.filename, 'Filename'),
		content_type: optional(input.contentType, 'Content Type'),
		content_disposition: disposition,
		content_id: optional(input.contentId, 'Content ID'),
	};
}
