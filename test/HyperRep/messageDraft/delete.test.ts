import { requestLines } from '../../support/sandbox';
import { BASE, ORG, useHyperRep } from '../support';

const { sandbox, hyperRep } = useHyperRep();

describe('delete', () => {
	test('delete removes the draft and says so', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(ORG, 1);
		const { items } = await hyperRep({ operation: 'delete', draftId: draft.draft_id });
		expect(items[0].json).toEqual({ deleted: true, draft_id: draft.draft_id });
		// Read first: a delete whose answer is lost is then known to have deleted something that existed.
		expect(requestLines(sandbox())).toEqual([`GET ${BASE}/${draft.draft_id}`, `DELETE ${BASE}/${draft.draft_id}`]);
		expect(sandbox().hyperrep.drafts(ORG)).toHaveLength(0);
	});
});

describe('delete: documented errors', () => {
	test('deleting a draft that is being sent', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(ORG, 1);
		sandbox().hyperrep.setSending(draft.draft_id);
		const { nodeError } = await hyperRep({ operation: 'delete', draftId: draft.draft_id });
		expect(nodeError?.message).toBe('The message draft is being sent and can no longer be deleted');
		expect(sandbox().hyperrep.drafts(ORG)).toHaveLength(1);
	});
});
