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
	const query = { start_date: new Date(sentAt - CLOCK_MARGIN_MS).toISOString() };
	const drafts = await paginate(
		client,
		async (cursor, pageSize) => await fetchDraftPage(client, cursor, pageSize, query, itemIndex),
		{ returnAll: false, limit: MAX_LOOKUP_DRAFTS + 1, maxPageSize: MAX_PAGE_SIZE, idOf: draftIdOf, itemIndex },
	);
	const claimed = claimedIds(run);
	const candidates = drafts.filter((draft) => !claimed.has(draft.draft_id));
	const match = candidates.find((draft) => sameDraft(draft, sent));
	if (match) {
		claimed.add(match.draft_id);
		return { found: asCreated(match) };
	}
	if (drafts.length > MAX_LOOKUP_DRAFTS) {
		return { unknown: `over ${MAX_LOOKUP_DRAFTS} drafts were created since, too many to read` };
	}
	if (candidates.some((draft) => sameRecipient(draft, sent))) {
		return { unknown: 'a draft to the same recipient was created since, but it differs from what was sent' };
	}
	if (carriedOut) return { unknown: 'HyperRep created the draft, and it is no longer listed (sent or deleted)' };
	if (sent.autosend_draft === true) {
		return { unknown: 'no such draft is listed, but a Send Now draft leaves the list once it is sent' };
	}
	return { absent: true };
}
