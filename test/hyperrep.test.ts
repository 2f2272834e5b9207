import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from './harness/engine';
import { listSearch } from './harness/loadOptions';
import { Sandbox } from './sandbox/server';
import { hyperRepCredentials, requestLines, useSandbox } from './support/sandbox';

const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const BASE = `/api/v2/organizations/${ORG}/message-drafts`;

async function hyperRep(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false) {
	return await runNode({
		type: 'hyperRep',
		parameters: { resource: 'messageDraft', ...parameters },
		credentials: hyperRepCredentials(sandbox()),
		input,
		continueOnFail,
	});
}

const emailDraft = {
	operation: 'create',
	modality: 'email',
	toName: 'Diana Prince',
	toEmail: 'diana@example.com',
	cc: 'steve@example.com, etta@example.com',
	subject: 'Following up on your quote',
	bodyHtml: '<p>Hi Diana, checking in on the quote we sent yesterday.</p>',
	folder: 'Sales Follow-up',
};

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

describe('checks before anything is sent', () => {
	test.each([
		['no subject and no body', { subject: ' ', bodyHtml: '' }, 'An email draft needs a subject or a body: fill in Subject, Body (HTML), or both'],
		['a bad To Email', { toEmail: 'diana@' }, 'To Email is not a valid email address: "diana@". Use the form user@domain.com'],
		['a bad CC address', { cc: 'ok@example.com, not-an-address' }, 'CC contains an invalid email address: "not-an-address". Use user@domain.com, separated by commas'],
		['a display name in BCC', { bcc: 'Name <name@example.com>' }, 'BCC contains an invalid email address: "Name <name@example.com>". Use user@domain.com, separated by commas'],
	])('%s', async (_name, overrides, message) => {
		const { nodeError } = await hyperRep({ ...emailDraft, ...overrides });
		expect(nodeError?.message).toBe(message);
		expect(nodeError?.name).toBe('NodeOperationError');
		expect(sandbox().log).toHaveLength(0);
	});

	test.each([
		['no phone number', { toPhoneNumber: '={{ "" }}' }, 'To Phone Number is not a valid phone number: "". Use 7 to 15 digits, optionally starting with + and a country code, e.g. +1 513-867-5309'],
		['letters for a phone number', { toPhoneNumber: 'call me' }, 'To Phone Number is not a valid phone number: "call me". Use 7 to 15 digits, optionally starting with + and a country code, e.g. +1 513-867-5309'],
		['only spaces for a body', { textBody: '  ' }, 'A text draft needs a body: fill in Body with the message text'],
	])('a text draft with %s', async (_name, overrides, message) => {
		const { nodeError } = await hyperRep({
			operation: 'create',
			modality: 'text',
			toPhoneNumber: '+1 513 867 5309',
			textBody: 'Hello',
			...overrides,
		});
		expect(nodeError?.message).toBe(message);
		expect(sandbox().log).toHaveLength(0);
	});

	test('with Continue On Fail, a bad item becomes an error item and the others are created', async () => {
		const input = [
			{ json: { email: 'a@example.com' } },
			{ json: { email: 'broken' } },
			{ json: { email: 'c@example.com' } },
		];
		const { items } = await hyperRep({ ...emailDraft, toEmail: '={{ $json.email }}' }, input, true);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.draft_id).toBeDefined();
		expect(items[1].json.error).toBe('To Email is not a valid email address: "broken". Use the form user@domain.com');
		expect(items[2].json.draft_id).toBeDefined();
		expect(sandbox().log.map((entry) => (entry.body as { to_email: string }).to_email)).toEqual([
			'a@example.com',
			'c@example.com',
		]);
	});
});

describe('get many output', () => {
	test('Simplify makes a list markedly smaller, for people and for AI agents', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 46, (i) => ({
			body_html: `<p>Hi Lead ${i},</p><p>${'Thanks for your time on the call today. '.repeat(10)}</p>`,
		}));
		const size = async (simple: boolean) => {
			const { items } = await hyperRep({ operation: 'getAll', returnAll: true, simple });
			expect(items).toHaveLength(46);
			return JSON.stringify(items.map((item) => item.json)).length;
		};
		const [simplified, raw] = [await size(true), await size(false)];
		expect(simplified).toBeLessThan(raw * 0.6);
	});
});

describe('folders', () => {
	test('lists the folders in use plus the default, sorted', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 130, (i) => ({ folder: ['sales-follow-up', 'renewals', 'drafts'][i % 3] }));
		const { results } = await listSearch({
			type: 'hyperRep',
			method: 'searchFolders',
			credentials: hyperRepCredentials(sandbox()),
		});
		expect(results).toEqual([
			{ name: 'drafts', value: 'drafts' },
			{ name: 'renewals', value: 'renewals' },
			{ name: 'sales-follow-up', value: 'sales-follow-up' },
		]);
		expect(requestLines(sandbox())).toEqual([`GET ${BASE}`, `GET ${BASE}`]);
	});

	test('filters by the typed text', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 3, (i) => ({ folder: ['sales-follow-up', 'renewals', 'drafts'][i] }));
		const { results } = await listSearch({
			type: 'hyperRep',
			method: 'searchFolders',
			filter: 'SALES',
			credentials: hyperRepCredentials(sandbox()),
		});
		expect(results).toEqual([{ name: 'sales-follow-up', value: 'sales-follow-up' }]);
	});

	test('offers the default folder for an organization without drafts', async () => {
		const { results } = await listSearch({ type: 'hyperRep', method: 'searchFolders', credentials: hyperRepCredentials(sandbox()) });
		expect(results).toEqual([{ name: 'drafts', value: 'drafts' }]);
	});

	test.each([
		['picked from the list', { __rl: true, mode: 'list', value: 'renewals' }, 'renewals'],
		['typed by name', { __rl: true, mode: 'name', value: 'Sales Follow-up' }, 'Sales Follow-up'],
		['a plain string, as workflows saved before the picker store it', 'Q3 Push', 'Q3 Push'],
	])('a folder %s is sent as its name', async (_name, folder, sent) => {
		const { nodeError } = await hyperRep({ operation: 'create', toEmail: 'a@example.com', subject: 'Hi', folder });
		expect(nodeError).toBeUndefined();
		expect((sandbox().log[0].body as { folder: string }).folder).toBe(sent);
	});
});

describe('draft picker', () => {
	test('lists the drafts newest first as "Subject → recipient [folder]", one page per scroll', async () => {
		const drafts = sandbox().hyperrep.seedDrafts(ORG, 130);
		const newestFirst = sandbox().hyperrep.drafts(ORG);
		const first = await listSearch({ type: 'hyperRep', method: 'searchDrafts', credentials: hyperRepCredentials(sandbox()) });
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({
			name: `${newestFirst[0].subject} → ${newestFirst[0].recipient_name} <${newestFirst[0].recipient_email}> [${newestFirst[0].folder}]`,
			value: newestFirst[0].draft_id,
		});
		const second = await listSearch({
			type: 'hyperRep',
			method: 'searchDrafts',
			credentials: hyperRepCredentials(sandbox()),
			paginationToken: first.paginationToken as string,
		});
		expect(second.paginationToken).toBeUndefined();
		const values = [...first.results, ...second.results].map((result) => result.value);
		expect(new Set(values)).toEqual(new Set(drafts.map((draft) => draft.draft_id)));
		expect(values).toHaveLength(130);
	});

	test('filters by subject, recipient or folder', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 3, (i) => ({ subject: ['Renewal offer', 'Quote', 'Hello'][i] }));
		const { results } = await listSearch({
			type: 'hyperRep',
			method: 'searchDrafts',
			credentials: hyperRepCredentials(sandbox()),
			filter: 'renewal',
		});
		expect(results.map((result) => result.name)).toEqual([expect.stringMatching(/^Renewal offer → /)]);
	});

	test('a draft picked from the list is read by its value', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(ORG, 1);
		const { items } = await hyperRep({ operation: 'get', draftId: { __rl: true, mode: 'list', value: draft.draft_id } });
		expect(items[0].json.draft_id).toBe(draft.draft_id);
	});
});

describe('get and delete', () => {
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

	test('delete removes the draft and says so', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(ORG, 1);
		const { items } = await hyperRep({ operation: 'delete', draftId: draft.draft_id });
		expect(items[0].json).toEqual({ deleted: true, draft_id: draft.draft_id });
		expect(requestLines(sandbox())).toEqual([`DELETE ${BASE}/${draft.draft_id}`]);
		expect(sandbox().hyperrep.drafts(ORG)).toHaveLength(0);
	});

	test('an ID that would change the route is refused before sending', async () => {
		const { nodeError } = await hyperRep({ operation: 'get', draftId: '../other' });
		expect(nodeError?.message).toMatch(/^Draft "\.\.\/other" is not a valid ID/);
		expect(sandbox().log).toHaveLength(0);
	});
});

describe('documented errors', () => {
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

	test('deleting a draft that is being sent', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(ORG, 1);
		sandbox().hyperrep.setSending(draft.draft_id);
		const { nodeError } = await hyperRep({ operation: 'delete', draftId: draft.draft_id });
		expect(nodeError?.message).toBe('The message draft is being sent and can no longer be deleted');
		expect(sandbox().hyperrep.drafts(ORG)).toHaveLength(1);
	});

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

describe('get many', () => {
	test('Return All follows the cursor over three pages at the largest page size', async () => {
		const seeded = sandbox().hyperrep.seedDrafts(ORG, 250);
		const { items } = await hyperRep({ operation: 'getAll', returnAll: true });

		const expected = sandbox().hyperrep.drafts(ORG).map((draft) => draft.draft_id);
		const ids = items.map((item) => item.json.draft_id);
		expect(ids).toEqual(expected);
		expect(new Set(ids).size).toBe(seeded.length);
		expect(sandbox().log.map((entry) => entry.query.limit)).toEqual(['100', '100', '100']);
		expect(sandbox().log[0].query.cursor).toBeUndefined();
		expect(sandbox().log[1].query.cursor).toBeDefined();
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('a Limit that ends mid-page asks only for what it still needs', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 250);
		const { items } = await hyperRep({ operation: 'getAll', returnAll: false, limit: 150 });
		const expected = sandbox().hyperrep.drafts(ORG).slice(0, 150).map((draft) => draft.draft_id);
		expect(items.map((item) => item.json.draft_id)).toEqual(expected);
		expect(sandbox().log.map((entry) => entry.query.limit)).toEqual(['100', '50']);
	});

	test('Start Date and End Date filter on creation time', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 10, (i) => ({ created_at: `2026-05-${String(i + 10).padStart(2, '0')}T12:00:00Z` }));
		const { items } = await hyperRep({
			operation: 'getAll',
			returnAll: true,
			filters: { startDate: '2026-05-12T00:00:00Z', endDate: '2026-05-14T23:59:59Z' },
		});
		expect(items.map((item) => item.json.created_at)).toEqual([
			'2026-05-14T12:00:00Z',
			'2026-05-13T12:00:00Z',
			'2026-05-12T12:00:00Z',
		]);
		expect(sandbox().log[0].query).toMatchObject({
			start_date: '2026-05-12T00:00:00.000Z',
			end_date: '2026-05-14T23:59:59.000Z',
		});
	});

	test('a cursor that repeats stops with an error instead of looping', async () => {
		sandbox().faults.add({
			match: { method: 'GET', path: BASE },
			kind: 'body',
			status: 200,
			body: JSON.stringify({
				data: [{ draft_id: 'HR_id_1', folder: 'drafts' }],
				pagination: { limit: 100, cursor: 'c1', next_cursor: 'c1', has_more: true },
			}),
		});
		const { nodeError } = await hyperRep({ operation: 'getAll', returnAll: true });
		expect(nodeError?.message).toBe(
			'Listing stopped after 2 items because the same page token ("c1") came back: the API is not making progress',
		);
		expect(sandbox().log).toHaveLength(2);
	});
});
