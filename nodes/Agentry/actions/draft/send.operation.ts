import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { deduplicationKeyField, deduplicationKeyOf, exactlyOnce, type PendingClaim } from '../../../shared/deduplication';
import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { markOutcomeUnknown } from '../../../shared/outcomes';
import { quote } from '../../../shared/quote';
import { draftNotFound, draftPath, sendResultShape } from '../../api';
import { draftRLC, inboxRLC } from '../../descriptions/rlc.description';
import { readDraftTarget } from '../draftTarget';
import { lookUpSentDraft } from './sentDraftLookup';

const properties: INodeProperties[] = [
	inboxRLC,
	draftRLC('The draft to send now'),
	optionsCollection([deduplicationKeyField]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['draft'], operation: ['send'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, item: ItemContext) {
	return await exactlyOnce(this, item, deduplicationKeyOf(this, item), async (pending) => {
		const { inboxId, draftId } = readDraftTarget(this, item.check);
		const result = pending
			? await resume(this, item, { inboxId, draftId }, pending)
			: await send(item, inboxId, draftId);
		return [outputItem(item.itemIndex, { ...result, draft_id: draftId })];
	});
}

async function send({ itemIndex, client }: ItemContext, inboxId: string, draftId: string) {
	return await client.request(
		{
			method: 'POST',
			path: `${draftPath(inboxId, draftId)}/send`,
			// Sending has no idempotency key: a send whose outcome is unknown is looked up, never repeated blindly.
			safety: 'unsafe',
			ifOutcomeUnknown: {
				effect: 'the email may already have been sent',
				check: checkAdvice(inboxId, draftId),
				lookup: async (attempt) => {
					const found = await lookUpSentDraft(client, inboxId, draftId, attempt, itemIndex);
					// Still in the inbox right after: the send may yet be on its way, and a second one could email twice.
					return 'absent' in found ? { unknown: 'the draft is still in the inbox, not sent yet' } : found;
				},
			},
			notFound: draftNotFound(inboxId, draftId),
			itemIndex,
		},
		sendResultShape,
	);
}

const checkAdvice = (inboxId: string, draftId: string) =>
	`Check in inbox ${quote(inboxId)} of Agentry whether draft ${quote(draftId)} went out before running this item again.`;

/** An earlier execution claimed this item's key and did not finish: the draft says whether it went out. */
async function resume(
	context: IExecuteFunctions,
	item: ItemContext,
	{ inboxId, draftId }: { inboxId: string; draftId: string },
	pending: PendingClaim,
) {
	const earlier = await lookUpSentDraft(item.client, inboxId, draftId, { carriedOut: false }, item.itemIndex);
	if ('found' in earlier) return { ...earlier.found, skipped: true, deduplication_key: pending.key };
	if ('absent' in earlier) return await send(item, inboxId, draftId);
	throw markOutcomeUnknown(
		new NodeOperationError(
			context.getNode(),
			`An earlier execution started this item (Deduplication Key "${pending.key}") and did not finish: the email may already have been sent`,
			{ itemIndex: item.itemIndex, description: `Agentry was asked, and ${earlier.unknown}. ${checkAdvice(inboxId, draftId)}` },
		),
	);
}
