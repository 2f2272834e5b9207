import { byId, requestLines } from '../../support/sandbox';
import { DRAFTS, INBOX, useAgentry } from '../support';

const { sandbox, agentry, expectAllAuthorized } = useAgentry();

describe('attachment: delete', () => {
	test('delete outputs what was deleted; 404s name the attachment, draft and inbox', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const meta = sandbox().agentry.addAttachment(draft.draft_id, { content: Buffer.from('abc'), filename: 'a.txt' });
		const parameters = {
			resource: 'attachment',
			operation: 'delete',
			draftId: byId(draft.draft_id),
			attachmentId: meta.attachment_id,
		};
		const { items } = await agentry(parameters);
		// Read first: a delete whose answer is lost is then known to have deleted something that existed.
		const path = `${DRAFTS}/${draft.draft_id}/attachments/${meta.attachment_id}`;
		expect(requestLines(sandbox())).toEqual([`GET ${path}`, `DELETE ${path}`]);
		expectAllAuthorized();
		expect(items).toEqual([{ json: { deleted: true, attachment_id: meta.attachment_id }, pairedItem: { item: 0 } }]);

		const again = await agentry(parameters);
		expect(again.nodeError?.message).toBe(
			`Attachment "${meta.attachment_id}" was not found on draft "${draft.draft_id}" in inbox "${INBOX}"`,
		);
		const noDraft = await agentry({ ...parameters, operation: 'get', draftId: byId('dr_gone') });
		expect(noDraft.nodeError?.message).toBe(`Draft "dr_gone" was not found in inbox "${INBOX}"`);
	});
});
