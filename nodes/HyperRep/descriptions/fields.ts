import type { INodeProperties } from 'n8n-workflow';

import { FieldTable, type ReadField } from '../../shared/fields';
import { quote } from '../../shared/quote';
import { MAX_BODY_LENGTH } from '../../shared/validation';

/** The folder a draft is filed in when none is given. */
export const DEFAULT_FOLDER = 'drafts';

/**
 * HyperRep's message draft fields, one row each: create, list, the error labels of `hyperRepApi`,
 * Simplify and the trigger all read them here. The order is the order of Simplify's output.
 */

const line: ReadField = (check, value, label) => check.line(value, label) || undefined;
const body: ReadField = (check, value, label) => check.text(value, label, MAX_BODY_LENGTH).trim() || undefined;
const emails: ReadField = (check, value, label) => check.emails(value, label);
const modality: ReadField = (check, value, label) => {
	const text = check.line(value, label);
	if (text !== 'email' && text !== 'text') check.fail(`${label} must be "email" or "text", not ${quote(text)}`);
	return text;
};

const lower = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : '');
const digits = (value: unknown) => (typeof value === 'string' ? value.replace(/\D/g, '') : '');
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');
const addressSet = (value: unknown) =>
	(Array.isArray(value) ? value.map(lower) : [])
		.filter(Boolean)
		.sort()
		.join(',');

/** How a listed draft's field compares with what a create sent (the lookup after an unknown outcome). */
const same = {
	exactly: (listed: unknown, sent: unknown) => listed === sent,
	text: (listed: unknown, sent: unknown) => textOf(listed) === textOf(sent),
	addresses: (listed: unknown, sent: unknown) => addressSet(listed) === addressSet(sent),
	/** The recipient of the draft's own channel: the other channel's is not sent, and not compared. */
	email: (listed: unknown, sent: unknown) => sent === undefined || lower(listed) === lower(sent),
	phone: (listed: unknown, sent: unknown) => sent === undefined || digits(listed) === digits(sent),
};

const onlyFor = (modality: 'email' | 'text') => ({ displayOptions: { show: { modality: [modality] } } });

const emailList = (description: string, placeholder: string): Partial<INodeProperties> => ({
	type: 'string',
	default: '',
	placeholder,
	description: `${description}, separated by commas (or a list from an expression)`,
	...onlyFor('email'),
});

export const hyperRepFields = new FieldTable([
	{ api: 'draft_id', simple: true },
	{
		param: 'modality', api: 'modality', label: 'Modality', read: modality, simple: true, sameAs: same.exactly,
		property: {
			type: 'options',
			options: [
				{ name: 'Email', value: 'email', description: 'An email draft' },
				{ name: 'Text', value: 'text', description: 'A text message (SMS) draft' },
			],
			default: 'email',
			description: 'The channel the draft will be delivered on. The organization needs credentials set up for it in HyperRep.',
		},
	},
	// A picker (descriptions/rlc.description.ts): Create and the trigger describe it each their way.
	{ param: 'folder', api: 'folder', label: 'Folder', read: (check, value, label) => line(check, value, label) ?? DEFAULT_FOLDER, simple: true },
	{
		param: 'toName', api: 'to_user_name', listed: 'recipient_name', label: 'To Name', read: line, simple: true, sameAs: same.text,
		property: { type: 'string', default: '', placeholder: 'e.g. Diana Prince', description: "The recipient's display name" },
	},
	{
		param: 'toEmail', api: 'to_email', listed: 'recipient_email', label: 'To Email', simple: true, sameAs: same.email,
		read: (check, value, label) => check.email(value, label),
		property: { type: 'string', required: true, default: '', placeholder: 'e.g. diana@example.com', description: "The recipient's email address", ...onlyFor('email') },
	},
	{
		param: 'toPhoneNumber', api: 'to_phone_number', listed: 'recipient_phone_number', label: 'To Phone Number', simple: true,
		sameAs: same.phone,
		read: (check, value, label) => check.phone(value, label),
		property: { type: 'string', required: true, default: '', placeholder: 'e.g. +1 513-867-5309', description: "The recipient's phone number", ...onlyFor('text') },
	},
	{ param: 'cc', api: 'cc_emails', label: 'CC', entry: 'address', read: emails, sameAs: same.addresses, property: emailList('Email addresses to copy', 'e.g. steve@example.com, etta@example.com') },
	{ param: 'bcc', api: 'bcc_emails', label: 'BCC', entry: 'address', read: emails, sameAs: same.addresses, property: emailList('Email addresses to blind-copy', 'e.g. audit@example.com') },
	{
		param: 'subject', api: 'subject', label: 'Subject', read: line, simple: true, sameAs: same.text,
		property: { type: 'string', default: '', description: 'The subject line. Give a subject, a body, or both.', ...onlyFor('email') },
	},
	// Text's Body comes first: API errors about body_html name it "Body", which fits both.
	{
		param: 'textBody', api: 'body_html', label: 'Body', sameAs: same.text, read: (check, value, label) => check.text(value, label, MAX_BODY_LENGTH).trim(),
		property: { type: 'string', typeOptions: { rows: 3 }, required: true, default: '', description: 'The text of the message', ...onlyFor('text') },
	},
	{
		param: 'bodyHtml', api: 'body_html', label: 'Body (HTML)', read: body,
		property: {
			type: 'string',
			typeOptions: { rows: 5 },
			default: '',
			placeholder: 'e.g. <p>Hi Diana, checking in on the quote we sent yesterday.</p>',
			description: 'The message body as HTML. Give a subject, a body, or both.',
			...onlyFor('email'),
		},
	},
	{ api: 'preview', simple: true },
	{ api: 'scheduled_send_at', simple: true },
	{ api: 'created_at', simple: true },
	{
		param: 'delivery', api: 'autosend_draft', label: 'Delivery', read: (_check, value) => value === 'sendNow',
		// A draft sent at once is listed with the time it was queued.
		listed: 'scheduled_send_at', sameAs: (listed, sent) => (listed !== null && listed !== undefined) === (sent === true),
		property: {
			type: 'options',
			options: [
				{ name: 'Save for Review', value: 'saveForReview', description: 'Save the draft so that someone in HyperRep reviews and sends it' },
				{ name: 'Send Now', value: 'sendNow', description: 'Queue the draft for delivery immediately, without review' },
			],
			default: 'saveForReview',
			description: 'Whether the draft waits for review or is sent right away',
		},
	},
	{
		param: 'notifyTeam', api: 'add_notification', label: 'Notify Team', read: (_check, value) => value === true,
		property: {
			type: 'boolean',
			default: true,
			description: 'Whether to notify the users of the organization that a new draft is ready for review',
			displayOptions: { show: { delivery: ['saveForReview'] } },
		},
	},

	// Filters and pages of the list
	{
		param: 'startDate', api: 'start_date', label: 'Start Date', read: (check, value, label) => (value ? check.dateTime(value, label) : undefined),
		property: {
			type: 'dateTime',
			default: '',
			description: "Only drafts created at or after this time, in the workflow's time zone unless it has one. A date alone starts at the beginning of that day.",
		},
	},
	{
		param: 'endDate', api: 'end_date', label: 'End Date', read: (check, value, label) => (value ? check.dateTime(value, label, 'end') : undefined),
		property: {
			type: 'dateTime',
			default: '',
			description: "Only drafts created at or before this time, in the workflow's time zone unless it has one. A date alone includes that whole day.",
		},
	},
	{ api: 'limit', label: 'Limit' },
	{ api: 'cursor', label: 'page cursor' },
]);
