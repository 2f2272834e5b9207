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
import { createdDraftShape, organizationPath } from '../../api';
import { claimDraft, lookUpCreatedDraft } from './createdDraftLookup';
import { hyperRepFields } from '../../descriptions/fields';
import { folderRLC } from '../../descriptions/rlc.description';

/** The recipient and content fields of each modality. */
const MODALITY_FIELDS = {
	email: ['toEmail', 'cc', 'bcc', 'subject', 'bodyHtml'],
	text: ['toPhoneNumber', 'textBody'],
};

const properties: INodeProperties[] = [
	...['modality', 'toName', 'toEmail', 'toPhoneNumber', 'cc', 'bcc', 'subject', 'bodyHtml', 'textBody', 'delivery', 'notifyTeam'].map(
		(name) => hyperRepFields.property(name),
	),
	{
		...folderRLC('The folder to file the draft in. Empty files it in "drafts".'),
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
	const modality = hyperRepFields.read(check, 'modality', param('modality')) as keyof typeof MODALITY_FIELDS;
	const values: IDataObject = {
		modality,
		toName: param('toName'),
		folder: context.getNodeParameter('folder', itemIndex, '', { extractValue: true }),
	};
	for (const name of MODALITY_FIELDS[modality]) values[name] = param(name);
	// One choice, so the forbidden autosend + notification combination cannot be built.
	values.delivery = param('delivery', 'saveForReview');
	values.notifyTeam = values.delivery === 'sendNow' ? false : param('notifyTeam', true);
	const body = hyperRepFields.body(check, values, Object.keys(values));

	if (modality === 'email' && !body.subject && !body.body_html) {
		check.fail('An email draft needs a subject or a body: fill in Subject, Body (HTML), or both');
	}
	if (modality === 'text' && !body.body_html) check.fail('A text draft needs a body: fill in Body with the message text');
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
			? { unknown: 'no time of the earlier attempt was recorded within a week, so HyperRep could not be asked' }
			: await lookUpCreatedDraft(client, run, body, { sentAt: since, carriedOut: false }, itemIndex);
	if ('found' in earlier) return skippedOutput(itemIndex, pending.key, earlier.found);
	if ('absent' in earlier) return await create(item, body);
	const seen = since === undefined ? earlier.unknown : `HyperRep was asked, and ${earlier.unknown}`;
	throw markOutcomeUnknown(
		new NodeOperationError(
			context.getNode(),
			`An earlier execution started this item (Deduplication Key "${pending.key}") and did not finish: the draft may already exist`,
			{ itemIndex, description: `${seen.charAt(0).toUpperCase()}${seen.slice(1)}. ${UNKNOWN_CHECK}` },
		),
	);
}
