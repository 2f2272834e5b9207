import { byId, requestLines } from '../../support/sandbox';
import { DRAFTS, INBOX, useAgentry } from '../support';

const { sandbox, agentry, expectAllAuthorized } = useAgentry();

describe('draft: update', () => {
	test('sends only the fields that were set', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const { items, nodeError } = await agentry({
			resource: 'draft',
			operation: 'update',
			draftId: byId(draft.draft_id),
			updateFields: { subject: 'New subject', to: 'x@example.com, y@example.com', sendAt: '2030-06-01T08:00:00Z', text: '' },
			simple: false,
		});
		expect(nodeError).toBeUndefined();
		expect(requestLines(sandbox())).toEqual([`PATCH ${DRAFTS}/${draft.draft_id}`]);
		expectAllAuthorized();
		expect(sandbox().log[0].body).toEqual({
			subject: 'New subject',
			to: ['x@example.com', 'y@example.com'],
			send_at: '2030-06-01T08:00:00.000Z',
		});
		expect(items[0].json).toMatchObject({ subject: 'New subject', text: draft.text, send_status: 'scheduled' });
	});

	test('Clear Fields sends an empty list or string, the types the reference allows', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1, () => ({
			cc: ['ann@example.com'],
			subject: 'Old',
			send_at: '2030-06-01T08:00:00.000Z',
		}));
		const { items, nodeError } = await agentry({
			resource: 'draft',
			operation: 'update',
			draftId: byId(draft.draft_id),
			clearFields: ['cc', 'subject'],
			simple: false,
		});
		expect(nodeError).toBeUndefined();
		expect(sandbox().log[0].body).toEqual({ cc: [], subject: '' });
		expect(items[0].json.cc).toBeUndefined();
		expect(items[0].json.subject).toBeUndefined();
		expect(items[0].json.send_at).toBe('2030-06-01T08:00:00.000Z');
	});

	test('Send At cannot be cleared: the reference has no way to unschedule', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const { nodeError } = await agentry({
			resource: 'draft',
			operation: 'update',
			draftId: byId(draft.draft_id),
			clearFields: ['sendAt'],
		});
		expect(nodeError?.message).toMatch(/^"sendAt" cannot be cleared\. Agentry can clear: /);
		expect(sandbox().log).toEqual([]);
	});

	test('nothing to change, or a field both set and cleared, fails before any request', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const nothing = await agentry({
			resource: 'draft',
			operation: 'update',
			draftId: byId(draft.draft_id),
			updateFields: { subject: '   ' },
		});
		expect(nothing.nodeError?.message).toBe('Nothing to update: set a value in Update Fields, or choose fields in Clear Fields');

		const both = await agentry({
			resource: 'draft',
			operation: 'update',
			draftId: byId(draft.draft_id),
			updateFields: { subject: 'x' },
			clearFields: ['subject'],
		});
		expect(both.nodeError?.message).toBe('Subject is both set and cleared');
		expect(sandbox().log).toHaveLength(0);
	});

	test('a draft being sent cannot be changed: 409 with the API message', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		sandbox().agentry.setSendStatus(draft.draft_id, 'sending');
		const { nodeError } = await agentry({
			resource: 'draft',
			operation: 'update',
			draftId: byId(draft.draft_id),
			updateFields: { subject: 'Too late' },
		});
		expect(nodeError?.message).toBe('The draft is being sent and can no longer be changed');
		expect(nodeError?.description).toContain(`Draft ${draft.draft_id} is currently sending and can no longer be changed`);
		expect(nodeError?.description).toContain('Wait until sending finishes');
		expect((nodeError as { httpCode?: string }).httpCode).toBe('409');
	});
});
