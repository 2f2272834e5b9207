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
import { claimDraft, findEarlierDraft, LOOK_BACK_MS, lookUpCreatedDraft } from './createdDraftLookup';
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
	const key = deduplicationKeyOf(this, item);
	return await exactlyOnce(this, item, key, async (pending) => {
		const body = requestBody(this, item);
		if (pending) return await resume(this, item, body, pending);
		return key === undefined ? await create(item, body) : await createUnlessListed(item, body, key);
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

/**
 * A key n8n's store reports new. The store is the fast path, not the proof: it rewrites one row per
 * node with no lock, so executions writing it at once on two workers lose each other's records (in
 * the lane's queue-mode leg, 59 of 100 re-sent leads got a second draft that way). So HyperRep is
 * asked too: a draft of the look-back (the last day, at most the newest 1,000) matching everything
 * that would be sent is this key's, and the item is skipped with it. Short of a match the draft is
 * created, also where the lookup cannot prove absence: a draft to the same recipient with other
 * content (in a sequence, the step before), over 1,000 drafts in the day (the look-back then ends at
 * the 1,000th), a Send Now draft that may have left the list as sent. Failing there would make
 * every keyed Send Now create, and every later step of a sequence, fail on every run, for a key
 * that is new unless the store lost it. What remains is a lost key whose draft the list no longer
 * shows as made: a Send Now draft already sent, one edited or deleted since, one older than a day.
 */
async function createUnlessListed(item: ItemContext, body: IDataObject, key: string) {
	const earlier = await findEarlierDraft(item.client, item.run, body, item.itemIndex);
	return earlier ? skippedOutput(item.itemIndex, key, earlier) : await create(item, body);
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
	// Without its time (the store lost it too), the look-back can still find the draft, never prove it absent.
	const sentAt = since ?? Date.now() - LOOK_BACK_MS;
	const earlier = await lookUpCreatedDraft(client, run, body, { sentAt, carriedOut: false }, itemIndex);
	if ('found' in earlier) return skippedOutput(itemIndex, pending.key, earlier.found);
	if ('absent' in earlier && since !== undefined) return await create(item, body);
	const seen =
		'unknown' in earlier
			? `HyperRep was asked, and ${earlier.unknown}`
			: `no time of the earlier attempt was recorded within a week, and HyperRep lists no matching draft of the last ${LOOK_BACK_MS / 3_600_000} hours`;
	throw markOutcomeUnknown(
		new NodeOperationError(
			context.getNode(),
			`An earlier execution started this item (Deduplication Key "${pending.key}") and did not finish: the draft may already exist`,
			{ itemIndex, description: `${seen.charAt(0).toUpperCase()}${seen.slice(1)}. ${UNKNOWN_CHECK}` },
		),
	);
}
