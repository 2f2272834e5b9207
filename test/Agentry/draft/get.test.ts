import { byId, fromList, requestLines } from '../../support/sandbox';
import { DRAFTS, INBOX, useAgentry } from '../support';

const { sandbox, agentry, expectAllAuthorized } = useAgentry();

describe('draft: get', () => {
	test('gets the full draft, or a simplified one', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1, () => ({ cc: ['ann@example.com'], labels: ['x'] }));
		const full = await agentry({ resource: 'draft', operation: 'get', draftId: fromList(draft.draft_id), simple: false });
		expect(requestLines(sandbox())).toEqual([`GET ${DRAFTS}/${draft.draft_id}`]);
		expectAllAuthorized();
		expect(full.items[0].json).toEqual(draft);

		const simple = await agentry({ resource: 'draft', operation: 'get', draftId: byId(draft.draft_id) });
		expect(simple.items[0].json).toEqual({
			draft_id: draft.draft_id,
			subject: draft.subject,
			to: draft.to,
			labels: ['x'],
			updated_at: draft.updated_at,
			preview: draft.preview,
			attachment_count: 0,
		});
		expect(Object.keys(simple.items[0].json).length).toBeLessThanOrEqual(10);
	});

	test('404s name the missing draft, or the missing inbox', async () => {
		const missingDraft = await agentry({ resource: 'draft', operation: 'get', draftId: byId('dr_gone') });
		expect(missingDraft.nodeError?.message).toBe(`Draft "dr_gone" was not found in inbox "${INBOX}"`);

		const missingInbox = await agentry({
			resource: 'draft',
			operation: 'get',
			inboxId: byId('old@agentry.test'),
			draftId: byId('dr_gone'),
		});
		expect(missingInbox.nodeError?.message).toBe('Inbox "old@agentry.test" was not found');
	});
});
