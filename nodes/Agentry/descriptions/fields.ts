import type { INodeProperties } from 'n8n-workflow';

import { FieldTable, type ReadField } from '../../shared/fields';
import { quote } from '../../shared/quote';
import { MAX_BODY_LENGTH } from '../../shared/validation';

/**
 * Agentry's fields, one row each: create, update, Clear Fields, the error labels of `agentryApi`,
 * Simplify and the trigger all read them here. The order is the order of Simplify's output.
 */

const nonEmpty = (values: string[]) => (values.length > 0 ? values : undefined);
const addresses: ReadField = (check, value, label) => nonEmpty(check.addresses(value, label));
const line: ReadField = (check, value, label) => check.line(value, label) || undefined;
/** An email body, sent as written; a blank one is not sent at all. */
const body: ReadField = (check, value, label) => {
	const text = check.text(value, label, MAX_BODY_LENGTH);
	return text.trim() === '' ? undefined : text;
};
const sendAt: ReadField = (check, value, label) => (value ? check.sendAt(value, label) : undefined);
const list: ReadField = (check, value, label) => nonEmpty(check.stringList(value ?? [], label));
const disposition: ReadField = (check, value, label) => {
	const text = line(check, value, label);
	if (text !== undefined && text !== 'inline' && text !== 'attachment') {
		check.fail(`${label} must be "inline" or "attachment", not ${quote(text)}`);
	}
	return text;
};

/** An address list parameter: comma-separated text, or a list from an expression. */
function addressList(description: string): Partial<INodeProperties> {
	return {
		type: 'string',
		default: '',
		placeholder: 'e.g. jane@example.com, Joe Doe <joe@example.com>',
		description: `${description}. Separate addresses with commas, or pass a list from an expression. Each is user@domain.com or Display Name &lt;user@domain.com&gt;.`,
	};
}

const emailBody = (description: string, placeholder?: string): Partial<INodeProperties> => ({
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	...(placeholder ? { placeholder } : {}),
	description,
});

const text = (description: string, placeholder?: string): Partial<INodeProperties> => ({
	type: 'string',
	default: '',
	...(placeholder ? { placeholder } : {}),
	description,
});

/** Update can change it and Clear Fields can empty it. */
const changeable = (cleared: '' | []) => ({ updatable: true, cleared });

export const agentryFields = new FieldTable([
	// A draft
	{ api: 'draft_id', simple: true },
	{ param: 'subject', api: 'subject', label: 'Subject', read: line, ...changeable(''), simple: true, property: text('The subject line of the email') },
	{ param: 'to', api: 'to', label: 'To', entry: 'address', read: addresses, ...changeable([]), simple: true, property: addressList('Addresses of the recipients') },
	{ param: 'cc', api: 'cc', label: 'CC', entry: 'address', read: addresses, ...changeable([]), property: addressList('Addresses to copy') },
	{ param: 'bcc', api: 'bcc', label: 'BCC', entry: 'address', read: addresses, ...changeable([]), property: addressList('Addresses to blind-copy') },
	{ param: 'replyTo', api: 'reply_to', label: 'Reply-To', entry: 'address', read: addresses, ...changeable([]), property: addressList('Addresses replies should go to') },
	{ param: 'text', api: 'text', label: 'Text', read: body, ...changeable(''), property: emailBody('The plain-text body of the email') },
	{
		param: 'html', api: 'html', label: 'HTML', read: body, ...changeable(''),
		property: emailBody('The HTML body of the email. Give it along with Text so that every mail client can show the message.', 'e.g. <p>Hi Jane,</p>'),
	},
	{
		param: 'labels', api: 'labels', label: 'Labels', entry: 'label', read: list, simple: true,
		property: {
			displayName: 'Label Names or IDs',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getLabels', loadOptionsDependsOn: ['inboxId.value'] },
			// Labels are free text: a new one (not yet on a draft) is as valid as those listed.
			allowArbitraryValues: true,
			default: [],
		},
	},
	{ api: 'send_status', simple: true },
	// Agentry has no way to unschedule a draft, so Clear Fields cannot empty Send At.
	{
		param: 'sendAt', api: 'send_at', label: 'Send At', read: sendAt, updatable: true, simple: true,
		property: {
			type: 'dateTime',
			default: '',
			description: "When Agentry should send the draft on its own, in the workflow's time zone unless the value has one. Without it the draft waits until it is sent.",
		},
	},
	{ param: 'inReplyTo', api: 'in_reply_to', label: 'In Reply To', read: line, property: text('The ID of the message this draft replies to, so that it joins that thread') },
	{
		param: 'clientId', api: 'client_id', label: 'Client ID', read: line,
		property: text(
			"Your own unique key for this draft, e.g. the lead's ID from an expression. Creating again with the same Client ID in the same inbox returns the existing draft instead of a duplicate, even when a crashed execution is run again. Empty uses a key unique to this n8n instance, execution, node and item, which protects retries within one execution.",
		),
	},
	{ api: 'updated_at', simple: true },
	{ api: 'preview', simple: true },

	// An attachment
	{ api: 'attachments', label: 'Attachments', entry: 'attachment' },
	{ api: 'content', label: 'file content' },
	{
		param: 'url', api: 'url', label: 'URL', read: (check, value, label) => check.httpUrl(value, label),
		property: {
			...text('The http(s) URL of the file', 'e.g. https://example.com/files/quote.pdf'),
			required: true,
			displayOptions: { show: { source: ['url'] } },
		},
	},
	{
		param: 'contentDisposition', api: 'content_disposition', label: 'Content Disposition', read: disposition,
		property: {
			type: 'options',
			options: [
				{ name: 'Attachment', value: 'attachment', description: 'Shown as a file attached to the email' },
				{ name: 'Inline', value: 'inline', description: 'Shown inside the HTML body, referenced by its Content ID' },
			],
			default: 'attachment',
			description: 'Whether the file is a regular attachment or an inline image of the HTML body',
		},
	},
	{ param: 'contentId', api: 'content_id', label: 'Content ID', read: line, property: text('For inline images: the ID the HTML body refers to, as in &lt;img src="cid:logo"&gt;', 'e.g. logo') },
	{ param: 'contentType', api: 'content_type', label: 'Content Type', read: line, property: text("The MIME type. Empty uses the binary file's MIME type.", 'e.g. application/pdf') },
	{ param: 'filename', api: 'filename', label: 'Filename', read: line, property: text("The file name recipients see. Empty uses the binary file's name.", 'e.g. quote.pdf') },

	// A page of a list
	{ api: 'limit', label: 'Limit' },
	{ api: 'page_token', label: 'page token' },
]);

/** Labels, picked from those in use on the inbox's drafts, or new ones. */
export function labelsProperty(description: string): INodeProperties {
	return agentryFields.property('labels', {
		description: `${description} Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
	});
}
