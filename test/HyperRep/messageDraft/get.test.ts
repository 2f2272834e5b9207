import { runNode } from '../../harness/engine';
import { hyperRepCredentials, requestLines } from '../../support/sandbox';
import { BASE, ORG, useHyperRep } from '../support';

const { sandbox, hyperRep } = useHyperRep();

describe('get', () => {
	test('get returns the simplified draft, or the whole one', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(ORG, 1, () => ({
			body_html: '<p>Hi Diana, checking in on <b>the quote</b> we sent yesterday &amp; the samples.</p>',
		}));
		const { items } = await hyperRep({ operation: 'get', draftId: draft.draft_id });
		expect(requestLines(sandbox())).toEqual([`GET ${BASE}/${draft.draft_id}`]);
		expect(items.map((item) => item.json)).toEqual([
			{
				draft_id: draft.draft_id,
				modality: 'email',
				folder: draft.folder,
				recipient_name: draft.recipient_name,
				recipient_email: draft.recipient_email,
				subject: draft.subject,
				preview: 'Hi Diana, checking in on the quote we sent yesterday & the samples.',
				created_at: draft.created_at,
			},
		]);
		const full = await hyperRep({ operation: 'get', draftId: draft.draft_id, simple: false });
		expect(full.items.map((item) => item.json)).toEqual([draft]);
	});

	test('an ID that would change the route is refused before sending', async () => {
		const { nodeError } = await hyperRep({ operation: 'get', draftId: '../other' });
		expect(nodeError?.message).toMatch(/^Draft "\.\.\/other" is not a valid ID/);
		expect(sandbox().log).toHaveLength(0);
	});
});

describe('get: documented errors', () => {
	test('a draft promoted into a conversation', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(ORG, 1);
		sandbox().hyperrep.markPromoted(draft.draft_id, 'conv_42');
		for (const operation of ['get', 'delete']) {
			const { nodeError } = await hyperRep({ operation, draftId: draft.draft_id });
			expect(nodeError?.message).toBe('The message draft was already sent and promoted into a conversation');
			expect(nodeError?.description).toContain(`/api/v2/organizations/${ORG}/conversations/conv_42`);
			expect((nodeError as { httpCode?: string }).httpCode).toBe('404');
		}
	});

	test('the ID of a response draft', async () => {
		const id = sandbox().hyperrep.addResponseDraft(ORG);
		const { nodeError } = await hyperRep({ operation: 'get', draftId: id });
		expect(nodeError?.message).toBe('This ID belongs to a response draft, not a message draft');
		expect(nodeError?.description).toContain(`/response-drafts/${id}`);
	});

	test('an unknown draft', async () => {
		const { nodeError } = await hyperRep({ operation: 'get', draftId: 'HR_id_missing' });
		expect(nodeError?.message).toBe('Message draft "HR_id_missing" was not found in this organization');
	});

	test('a wrong API key', async () => {
		const { nodeError } = await runNode({
			type: 'hyperRep',
			parameters: { resource: 'messageDraft', operation: 'get', draftId: 'HR_id_x' },
			credentials: hyperRepCredentials(sandbox(), { apiKey: 'hr_wrong_key_987654' }),
		});
		expect(nodeError?.message).toMatch(/^HyperRep rejected the credentials \(HTTP 401\)/);
		expect(JSON.stringify(nodeError)).not.toContain('hr_wrong_key_987654');
	});
});
