import { Sandbox } from '../../sandbox/server';
import { BASE, emailDraft, ORG, useHyperRep } from '../support';

const { sandbox, hyperRep } = useHyperRep();

describe('create', () => {
	test('an email draft saved for review, with the team notified, in a normalized folder', async () => {
		const { items, nodeError } = await hyperRep(emailDraft);
		expect(nodeError).toBeUndefined();

		const [request] = sandbox().log;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(BASE);
		expect(request.headers['x-api-key']).toBe(Sandbox.HYPERREP_API_KEY);
		expect(request.body).toEqual({
			modality: 'email',
			to_user_name: 'Diana Prince',
			to_email: 'diana@example.com',
			cc_emails: ['steve@example.com', 'etta@example.com'],
			bcc_emails: [],
			subject: 'Following up on your quote',
			body_html: '<p>Hi Diana, checking in on the quote we sent yesterday.</p>',
			autosend_draft: false,
			add_notification: true,
			folder: 'Sales Follow-up',
		});

		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			draft_id: expect.stringMatching(/^HR_id_/),
			scheduled_to_send: false,
			scheduled_send_at: null,
			folder: 'sales-follow-up',
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(sandbox().hyperrep.drafts(ORG)[0].folder).toBe('sales-follow-up');
	});

	test('Send Now queues the draft and never asks for a notification', async () => {
		const { items } = await hyperRep({ ...emailDraft, delivery: 'sendNow', notifyTeam: true });
		expect(sandbox().log[0].body).toMatchObject({ autosend_draft: true, add_notification: false });
		expect(items[0].json.scheduled_to_send).toBe(true);
		expect(new Date(items[0].json.scheduled_send_at as string).getTime()).not.toBeNaN();
	});

	test('Save for Review without notifying the team', async () => {
		await hyperRep({ ...emailDraft, notifyTeam: false });
		expect(sandbox().log[0].body).toMatchObject({ autosend_draft: false, add_notification: false });
	});

	test('a text draft sends the phone number and the body as body_html, into the default folder', async () => {
		const { items } = await hyperRep({
			operation: 'create',
			modality: 'text',
			toName: 'Diana',
			toPhoneNumber: '513-867-5309',
			textBody: 'Hi Diana, got a minute today?',
		});
		expect(sandbox().log[0].body).toEqual({
			modality: 'text',
			to_user_name: 'Diana',
			to_phone_number: '513-867-5309',
			body_html: 'Hi Diana, got a minute today?',
			autosend_draft: false,
			add_notification: true,
			folder: 'drafts',
		});
		expect(items[0].json.folder).toBe('drafts');
	});

	test('a subject alone is enough for an email draft', async () => {
		const { nodeError } = await hyperRep({ ...emailDraft, bodyHtml: '' });
		expect(nodeError).toBeUndefined();
		expect(sandbox().log[0].body).not.toHaveProperty('body_html');
	});
});

describe('create: documented errors', () => {
	test('a modality the organization has no credentials for', async () => {
		sandbox().hyperrep.setChannels(ORG, { text: false });
		const { nodeError } = await hyperRep({
			operation: 'create',
			modality: 'text',
			toPhoneNumber: '+15138675309',
			textBody: 'Hi',
		});
		expect(nodeError?.message).toBe('Your HyperRep organization has no text channel set up');
		expect(nodeError?.description).toMatch(/^Set up a text messaging channel in HyperRep/);
	});
});
