import type { IDataObject } from 'n8n-workflow';

import type { RunMemo } from '../../../shared/operations';
import type { Resolution, UnknownAttempt } from '../../../shared/outcomes';
import { draftIdOf, paginate } from '../../../shared/pagination';
import type { ApiClient } from '../../../shared/transport';
import { type CreatedDraft, fetchDraftPage, MAX_PAGE_SIZE, type MessageDraft } from '../../api';
import { hyperRepFields } from '../../descriptions/fields';

/**
 * How far before the attempt the lookup starts: HyperRep stamps created_at with its own clock,
 * which may be behind this machine's by a little. A wider margin risks taking an identical
 * earlier draft for this one (a lost draft, never a second one); a narrower one, missing it.
 */
export const CLOCK_MARGIN_MS = 2 * 60_000;

/** The most drafts a lookup reads; past that it cannot prove anything and says so. */
export const MAX_LOOKUP_DRAFTS = 1000;

/**
 * How far back a keyed create looks for a draft an earlier execution made when n8n's store has no
 * record of its key (see findEarlierDraft): a day covers what re-sends a key in practice (a worker's
 * crash and its recovery, a CRM or form that sends a webhook again, a failed execution run again
 * the same day), and at a few hundred drafts a day it stays within one or a few list pages.
 */
export const LOOK_BACK_MS = 24 * 3_600_000;

/** Draft IDs this run has output, so that two items creating the same draft never take one draft for both. */
function claimedIds(run: RunMemo): Set<string> {
	return run.get('claimedDraftIds', () => new Set<string>());
}

/** Records a draft this run output. */
export function claimDraft(run: RunMemo, draftId: string): void {
	claimedIds(run).add(draftId);
}

/** The same recipient on the same channel: a draft that could be this create's, changed by the API. */
function sameRecipient(draft: MessageDraft, sent: IDataObject): boolean {
	return hyperRepFields.sameAsSent(draft, sent, ['modality', 'to_email', 'to_phone_number']);
}

/** Everything that was sent, as the list gives it back. */
function sameDraft(draft: MessageDraft, sent: IDataObject): boolean {
	return hyperRepFields.sameAsSent(draft, sent);
}

/** The create's answer, from the listed draft. */
function asCreated(draft: MessageDraft): CreatedDraft {
	const scheduledAt = typeof draft.scheduled_send_at === 'string' ? draft.scheduled_send_at : null;
	return { draft_id: draft.draft_id, scheduled_to_send: scheduledAt !== null, scheduled_send_at: scheduledAt, folder: draft.folder };
}

/** The organization's drafts created since `since` (less the clock margin), newest first, at most one past the cap. */
async function draftsCreatedSince(client: ApiClient, since: number, itemIndex: number): Promise<MessageDraft[]> {
	const query = { start_date: new Date(since - CLOCK_MARGIN_MS).toISOString() };
	return await paginate(
		client,
		async (cursor, pageSize) => await fetchDraftPage(client, cursor, pageSize, query, itemIndex),
		{ returnAll: false, limit: MAX_LOOKUP_DRAFTS + 1, maxPageSize: MAX_PAGE_SIZE, idOf: draftIdOf, itemIndex },
	);
}

/** The first of `drafts` that is what was sent and no item of this run took, taken for this item. */
function takeMatch(run: RunMemo, drafts: MessageDraft[], sent: IDataObject): MessageDraft | undefined {
	const claimed = claimedIds(run);
	const match = drafts.find((draft) => !claimed.has(draft.draft_id) && sameDraft(draft, sent));
	if (match) claimed.add(match.draft_id);
	return match;
}

/**
 * Looks for the draft a create may have left: the organization's drafts created since the attempt
 * (less the clock margin), matched on everything that was sent. Proves that nothing was left only
 * when every such draft was read, none goes to the same recipient, and the draft could not have
 * left the list by now: a Send Now draft is gone from it once HyperRep has sent it.
 */
export async function lookUpCreatedDraft(
	client: ApiClient,
	run: RunMemo,
	sent: IDataObject,
	{ sentAt, carriedOut }: UnknownAttempt,
	itemIndex: number,
): Promise<Resolution<CreatedDraft>> {
	const drafts = await draftsCreatedSince(client, sentAt, itemIndex);
	const match = takeMatch(run, drafts, sent);
	if (match) return { found: asCreated(match) };
	if (drafts.length > MAX_LOOKUP_DRAFTS) {
		return { unknown: `over ${MAX_LOOKUP_DRAFTS} drafts were created since, too many to read` };
	}
	const claimed = claimedIds(run);
	if (drafts.some((draft) => !claimed.has(draft.draft_id) && sameRecipient(draft, sent))) {
		return { unknown: 'a draft to the same recipient was created since, but it differs from what was sent' };
	}
	if (carriedOut) return { unknown: 'HyperRep created the draft, and it is no longer listed (sent or deleted)' };
	if (sent.autosend_draft === true) {
		return { unknown: 'no such draft is listed, but a Send Now draft leaves the list once it is sent' };
	}
	return { absent: true };
}

/**
 * The drafts of the look-back, read once per node run and shared by its items: one list request
 * (a few for a busy organization) per run rather than per item. Items of the run take their
 * matches from it one by one (takeMatch, which never hands one draft to two items). A read that
 * fails fails the items waiting for it; a later item reads again.
 */
function lookBack(client: ApiClient, run: RunMemo, itemIndex: number): Promise<MessageDraft[]> {
	const memo = run.get('lookBackDrafts', () => ({}) as { read?: Promise<MessageDraft[]> });
	if (memo.read) return memo.read;
	const read = draftsCreatedSince(client, Date.now() - LOOK_BACK_MS, itemIndex);
	memo.read = read;
	read.catch(() => {
		if (memo.read === read) memo.read = undefined;
	});
	return read;
}

/**
 * The draft an earlier execution made for a key n8n's store reports new: one of the look-back's
 * drafts (the last day's, at most the newest 1,000) matching everything that would be sent, or
 * undefined. Only a match counts (see the HyperRep create's createUnlessListed for why).
 */
export async function findEarlierDraft(
	client: ApiClient,
	run: RunMemo,
	sent: IDataObject,
	itemIndex: number,
): Promise<CreatedDraft | undefined> {
	const match = takeMatch(run, await lookBack(client, run, itemIndex), sent);
	return match && asCreated(match);
}
