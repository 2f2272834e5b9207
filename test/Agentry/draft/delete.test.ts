import { byId, requestLines } from '../../support/sandbox';
import { DRAFTS, INBOX, useAgentry } from '../support';

const { sandbox, agentry, expectAllAuthorized } = useAgentry();

describe('draft: delete', () => {
	test('delete outputs what was deleted', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const { items } = await agentry({ resource: 'draft', operation: 'delete', draftId: byId(draft.draft_id) });
		// Read first: a delete whose answer is lost is then known to have deleted something that existed.
		expect(requestLines(sandbox())).toEqual([`GET ${DRAFTS}/${draft.draft_id}`, `DELETE ${DRAFTS}/${draft.draft_id}`]);
		expectAllAuthorized();
		expect(items).toEqual([{ json: { deleted: true, draft_id: draft.draft_id }, pairedItem: { item: 0 } }]);
		expect(sandbox().agentry.drafts(INBOX)).toEqual([]);

		const again = await agentry({ resource: 'draft', operation: 'delete', draftId: byId(draft.draft_id) });
		expect(again.nodeError?.message).toBe(`Draft "${draft.draft_id}" was not found in inbox "${INBOX}"`);
	});
});
