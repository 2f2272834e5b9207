import { byId, requestLines } from '../../support/sandbox';
import { DRAFTS, INBOX, useAgentry } from '../support';

const { sandbox, agentry, expectAllAuthorized } = useAgentry();

describe('draft: send', () => {
	test('send outputs the API result with the draft ID', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const { items } = await agentry({ resource: 'draft', operation: 'send', draftId: byId(draft.draft_id) });
		expect(requestLines(sandbox())).toEqual([`POST ${DRAFTS}/${draft.draft_id}/send`]);
		expectAllAuthorized();
		expect(sandbox().log[0].body).toBeUndefined();
		expect(items[0].json).toEqual({ draft_only: false, inbox_id: INBOX, status: 'sent', draft_id: draft.draft_id });
	});

	test('a draft-only inbox reports draft_created', async () => {
		const review = sandbox().agentry.addInbox({ email: 'review@agentry.test', draft_only: true });
		const [draft] = sandbox().agentry.seedDrafts(review.inbox_id, 1);
		const { items } = await agentry({
			resource: 'draft',
			operation: 'send',
			inboxId: byId(review.inbox_id),
			draftId: byId(draft.draft_id),
		});
		expect(items[0].json).toEqual({
			draft_only: true,
			inbox_id: review.inbox_id,
			status: 'draft_created',
			draft_id: draft.draft_id,
		});
	});

	test('a send whose outcome is unknown is not repeated', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		sandbox().faults.add({ match: { path: '/send' }, kind: 'status', status: 502, times: 1 });
		const { nodeError } = await agentry({ resource: 'draft', operation: 'send', draftId: byId(draft.draft_id) });
		// Sent once; then the draft is read, still in the inbox: no proof it was not sent.
		expect(sandbox().log.map((entry) => entry.method)).toEqual(['POST', 'GET']);
		expect(nodeError?.description).toContain(`whether draft "${draft.draft_id}" went out`);
	});
});
