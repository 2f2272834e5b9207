import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	deduplicationKeyField,
	deduplicationKeyOf,
	exactlyOnce,
	type PendingClaim,
	skippedOutput,
} from '../../../shared/deduplication';
import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { markOutcomeUnknown } from '../../../shared/outcomes';
import { MAX_BODY_LENGTH } from '../../../shared/validation';
import { createdDraftShape, DEFAULT_FOLDER, organizationPath } from '../../api';
import { claimDraft, lookUpCreatedDraft } from './createdDraftLookup';
import { folderField } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Modality',
		name: 'modality',
		type: 'options',
		options: [
			{ name: 'Email', value: 'email', description: 'An email draft' },
			{ name: 'Text', value: 'text', description: 'A text message (SMS) draft' },
		],
		default: 'email',
		description: 'The channel the draft will be delivered on. The organization needs credentials set up for it in HyperRep.',
	},
	{
		displayName: 'To Name',
		name: 'toName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Diana Prince',
		description: "The recipient's display name",
	},
	{
		displayName: 'To Email',
		name: 'toEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. diana@example.com',
		description: "The recipient's email address",
		displayOptions: { show: { modality: ['email'] } },
	},
	{
		displayName: 'To Phone Number',
		name: 'toPhoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +1 513-867-5309',
		description: "The recipient's phone number",
		displayOptions: { show: { modality: ['text'] } },
	},
	{
		displayName: 'CC',
		name: 'cc',
		type: 'string',
		default: '',
		placeholder: 'e.g. steve@example.com, etta@example.com',
		description: 'Email addresses to copy, separated by commas (or a list from an expression)',
		displayOptions: { show: { modality: ['email'] } },
	},
	{
		displayName: 'BCC',
		name: 'bcc',
		type: 'string',
		default: '',
		placeholder: 'e.g. audit@example.com',
		description: 'Email addresses to blind-copy, separated by commas (or a list from an expression)',
		displayOptions: { show: { modality: ['email'] } },
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'The subject line. Give a subject, a body, or both.',
		displayOptions: { show: { modality: ['email'] } },
	},
	{
		displayName: 'Body (HTML)',
		name: 'bodyHtml',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		placeholder: 'e.g. <p>Hi Diana, checking in on the quote we sent yesterday.</p>',
		description: 'The message body as HTML. Give a subject, a body, or both.',
		displayOptions: { show: { modality: ['email'] } },
	},
	{
		displayName: 'Body',
		name: 'textBody',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'The text of the message',
		displayOptions: { show: { modality: ['text'] } },
	},
	{
		displayName: 'Delivery',
		name: 'delivery',
		type: 'options',
		options: [
			{
				name: 'Save for Review',
				value: 'saveForReview',
				description: 'Save the draft so that someone in HyperRep reviews and sends it',
			},
			{
				name: 'Send Now',
				value: 'sendNow',
				description: 'Queue the draft for delivery immediately, without review',
			},
		],
		default: 'saveForReview',
		description: 'Whether the draft waits for review or is sent right away',
	},
	{
		displayName: 'Notify Team',
		name: 'notifyTeam',
		type: 'boolean',
		default: true,
		description: 'Whether to notify the users of the organization that a new draft is ready for review',
		displayOptions: { show: { delivery: ['saveForReview'] } },
	},
	{
		...folderField('The folder to file the draft in. Empty files it in "drafts".'),
		hint: 'A new name creates the folder. HyperRep normalizes names: Sales Follow-up becomes sales-follow-up.',
	},
	optionsCollection([deduplicationKeyField]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['messageDraft'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, item: ItemContext) {
	return await exactlyOnce(this, item, deduplicationKeyOf(this, item), async (pending) => {
		const body = requestBody(this, item);
		return pending ? await resume(this, item, body, pending) : await create(item, body);
	});
}

/** The create's body from the item's parameters, checked. */
function requestBody(context: IExecuteFunctions, { itemIndex, check }: ItemContext): IDataObject {
	const param = (name: string, fallback: unknown = '') => context.getNodeParameter(name, itemIndex, fallback);
	const modality = check.text(param('modality'), 'Modality');
	if (modality !== 'email' && modality !== 'text') {
		check.fail(`Modality must be "email" or "text", not "${modality}"`);
	}
	const body: IDataObject = {
		modality,
		to_user_name: check.text(param('toName'), 'To Name').trim() || undefined,
		folder: check.text(context.getNodeParameter('folder', itemIndex, '', { extractValue: true }), 'Folder').trim() || DEFAULT_FOLDER,
	};

	if (modality === 'email') {
		body.to_email = check.email(param('toEmail'), 'To Email');
		body.cc_emails = check.emails(param('cc'), 'CC');
		body.bcc_emails = check.emails(param('bcc'), 'BCC');
		body.subject = check.text(param('subject'), 'Subject').trim() || undefined;
		body.body_html = check.text(param('bodyHtml'), 'Body (HTML)', MAX_BODY_LENGTH).trim() || undefined;
		if (!body.subject && !body.body_html) {
			check.fail('An email draft needs a subject or a body: fill in Subject, Body (HTML), or both');
		}
	} else {
		body.to_phone_number = check.phone(param('toPhoneNumber'), 'To Phone Number');
		body.body_html = check.text(param('textBody'), 'Body', MAX_BODY_LENGTH).trim();
		if (!body.body_html) check.fail('A text draft needs a body: fill in Body with the message text');
	}

	// One choice, so the forbidden autosend + notification combination cannot be built.
	const sendNow = param('delivery', 'saveForReview') === 'sendNow';
	body.autosend_draft = sendNow;
	body.add_notification = sendNow ? false : param('notifyTeam', true) === true;
	return body;
}

async function create({ itemIndex, run, client }: ItemContext, body: IDataObject) {
	const created = await client.request(
		{
			method: 'POST',
			path: await organizationPath(client, itemIndex),
			body,
			// No idempotency key: a create whose outcome is unknown is looked up, never sent twice blindly.
			safety: 'unsafe',
			ifOutcomeUnknown: {
				effect: 'the draft may already exist',
				check: UNKNOWN_CHECK,
				lookup: async (attempt) => await lookUpCreatedDraft(client, run, body, attempt, itemIndex),
			},
			itemIndex,
		},
		createdDraftShape,
	);
	claimDraft(run, created.draft_id);
	return [outputItem(itemIndex, created)];
}

const UNKNOWN_CHECK =
	'List the message drafts of the organization (Get Many) to see whether it was created before running this item again.';

/**
 * An earlier execution claimed this item's key and did not finish: its draft is looked up since
 * that claim, output as skipped when found, and created only when the lookup proves it absent.
 */
async function resume(context: IExecuteFunctions, item: ItemContext, body: IDataObject, pending: PendingClaim) {
	const { itemIndex, run, client } = item;
	const since = await pending.since();
	const earlier =
		since === undefined
			? { unknown: 'the earlier attempt is over a week old, or its time was not recorded' }
			: await lookUpCreatedDraft(client, run, body, { sentAt: since, carriedOut: false }, itemIndex);
	if ('found' in earlier) return skippedOutput(itemIndex, pending.key, earlier.found);
	if ('absent' in earlier) return await create(item, body);
	throw markOutcomeUnknown(
		new NodeOperationError(
			context.getNode(),
			`An earlier execution started this item (Deduplication Key "${pending.key}") and did not finish: the draft may already exist`,
			{
				itemIndex,
				description: `HyperRep was asked, and ${earlier.unknown}. ${UNKNOWN_CHECK}`,
			},
		),
	);
}
