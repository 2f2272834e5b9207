import type { Resolution, UnknownAttempt } from '../../../shared/outcomes';
import type { ApiClient } from '../../../shared/transport';
import { draftPath, draftShape, type SendResult } from '../../api';

/**
 * Reads the draft after a send whose outcome is unknown. Sent means gone from the inbox (Agentry
 * answers draft_not_found while the inbox is there) or sending now. A draft still there, not
 * sending, is `absent`: not sent as of now. Within the execution that is no proof (the send may
 * still be on its way, queued at Agentry); for a later execution it is.
 */
export async function lookUpSentDraft(
	client: ApiClient,
	inboxId: string,
	draftId: string,
	{ carriedOut }: Pick<UnknownAttempt, 'carriedOut'>,
	itemIndex: number,
): Promise<Resolution<SendResult>> {
	const sent: SendResult = { draft_only: false, inbox_id: inboxId, status: 'sent' };
	const answer = await client.read({ method: 'GET', path: draftPath(inboxId, draftId), itemIndex }, draftShape);
	if ('status' in answer) {
		if (answer.status === 404 && answer.code === 'draft_not_found') return { found: sent };
		return { unknown: `reading the draft answered HTTP ${answer.status}${answer.message ? ` (${answer.message})` : ''}` };
	}
	const status = answer.body.send_status;
	if (status === 'sending') return { found: sent };
	if (status === 'failed') return { unknown: 'the draft is still in the inbox, its send failed' };
	if (carriedOut) return { unknown: 'Agentry answered the send, and the draft is still in the inbox (a draft-only inbox keeps it)' };
	return { absent: true };
}
