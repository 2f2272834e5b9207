import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import type { INodeExecutionData, INodeListSearchItems, INodeParameters } from 'n8n-workflow';

import { runNode } from './harness/engine';
import { listSearch, loadOptions } from './harness/loadOptions';
import { Sandbox } from './sandbox/server';
import { agentryCredentials, byId, fromList, requestLines, useSandbox } from './support/sandbox';

const sandbox = useSandbox();

const INBOX = 'sales@agentry.test';
const INBOX_PATH = `/human/v0/inboxes/${encodeURIComponent(INBOX)}`;
const DRAFTS = `${INBOX_PATH}/drafts`;
const BEARER = `Bearer ${Sandbox.AGENTRY_TOKEN}`;


async function agentry(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false) {
	return await runNode({
		type: 'agentry',
		parameters: { inboxId: byId(INBOX), ...parameters },
		credentials: agentryCredentials(sandbox()),
		input,
		continueOnFail,
	});
}

function addSalesInbox(draftOnly = false) {
	return sandbox().agentry.addInbox({ email: INBOX, display_name: 'Sales', draft_only: draftOnly });
}

function binaryItem(files: Record<string, { bytes: Buffer; mimeType: string; fileName: string }>): INodeExecutionData {
	const binary = Object.fromEntries(
		Object.entries(files).map(([name, { bytes, mimeType, fileName }]) => [
			name,
			{ data: bytes.toString('base64'), mimeType, fileName },
		]),
	);
	return { json: {}, binary };
}

/** Every request of the run reached the API with the credential's bearer token. */
function expectAllAuthorized() {
	expect(sandbox().log.length).toBeGreaterThan(0);
	for (const entry of sandbox().log) expect(entry.headers.authorization).toBe(BEARER);
}

beforeEach(() => addSalesInbox());

describe('draft: create', () => {
	test('sends every documented field and outputs the created draft', async () => {
		const { items, nodeError } = await agentry({
			resource: 'draft',
			operation: 'create',
			to: 'jane@example.com, "Doe, Joe" <joe@example.com>',
			subject: 'Your quote',
			text: 'Hi Jane,\nthe quote is attached.\n',
			simple: false,
			additionalFields: {
				cc: 'ann@example.com',
				bcc: 'audit@example.com',
				replyTo: 'Sales Team <team@example.com>',
				html: '<p>Hi Jane,</p>',
				labels: ['quotes', 'vip'],
				sendAt: '2030-05-02T09:30:00+02:00',
				inReplyTo: '<msg-1@example.com>',
				clientId: 'order-1042',
			},
		});
		expect(nodeError).toBeUndefined();

		expect(requestLines(sandbox())).toEqual([`POST ${DRAFTS}`]);
		expectAllAuthorized();
		expect(sandbox().log[0].body).toEqual({
			to: ['jane@example.com', '"Doe, Joe" <joe@example.com>'],
			cc: ['ann@example.com'],
			bcc: ['audit@example.com'],
			reply_to: ['Sales Team <team@example.com>'],
			subject: 'Your quote',
			text: 'Hi Jane,\nthe quote is attached.\n',
			html: '<p>Hi Jane,</p>',
			labels: ['quotes', 'vip'],
			send_at: '2030-05-02T07:30:00.000Z',
			in_reply_to: '<msg-1@example.com>',
			client_id: 'order-1042',
		});

		const [stored] = sandbox().agentry.drafts(INBOX);
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual(stored);
		expect(items[0].json).toMatchObject({ send_status: 'scheduled', client_id: 'order-1042' });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('takes address lists from an expression and outputs a simplified draft by default', async () => {
		const { items } = await agentry(
			{ resource: 'draft', operation: 'create', to: '={{ $json.recipients }}', subject: 'Hello' },
			[{ json: { recipients: ['a@example.com', 'B <b@example.com>'] } }],
		);
		expect(sandbox().log[0].body).toMatchObject({ to: ['a@example.com', 'B <b@example.com>'], subject: 'Hello' });
		const [stored] = sandbox().agentry.drafts(INBOX);
		expect(items[0].json).toEqual({
			draft_id: stored.draft_id,
			subject: 'Hello',
			to: ['a@example.com', 'B <b@example.com>'],
			updated_at: stored.updated_at,
			attachment_count: 0,
		});
	});

	test('without a Client ID, sends a compact key of its own for each item', async () => {
		const input = [{ json: {} }, { json: {} }];
		await agentry({ resource: 'draft', operation: 'create', subject: 'Auto key' }, input);
		const keys = sandbox().log.map((entry) => (entry.body as { client_id: string }).client_id);
		for (const key of keys) expect(key).toMatch(/^n8n-[A-Za-z0-9_-]{32}$/);
		expect(new Set(keys).size).toBe(2);
		expect(sandbox().agentry.createCount).toBe(2);
	});

	test('the same workflow and execution ID on another n8n instance gets new keys, so a new draft', async () => {
		const settings = Container.get(InstanceSettings) as { instanceId: string };
		const original = settings.instanceId;
		const create = { resource: 'draft', operation: 'create', subject: 'Per instance' };
		try {
			await agentry(create);
			settings.instanceId = 'another-n8n-instance';
			await agentry(create);
		} finally {
			settings.instanceId = original;
		}
		const [staging, production] = sandbox().log.map((entry) => (entry.body as { client_id: string }).client_id);
		expect(production).not.toBe(staging);
		expect(sandbox().agentry.drafts(INBOX)).toHaveLength(2);
	});

	test('creating twice with the same Client ID gives one draft', async () => {
		const parameters = {
			resource: 'draft',
			operation: 'create',
			subject: 'Only once',
			additionalFields: { clientId: 'crm-7' },
		};
		const first = await agentry(parameters);
		const second = await agentry(parameters);
		expect(sandbox().log).toHaveLength(2);
		expect(sandbox().agentry.createCount).toBe(1);
		expect(sandbox().agentry.drafts(INBOX)).toHaveLength(1);
		expect(second.items[0].json.draft_id).toBe(first.items[0].json.draft_id);
	});

	test('a create whose answer was lost is repeated, and the Client ID keeps it to one draft', async () => {
		sandbox().faults.add({ match: { method: 'POST', path: '/drafts' }, kind: 'resetAfterProcessing', times: 1 });
		const { items, nodeError } = await agentry({ resource: 'draft', operation: 'create', subject: 'Lost answer' });
		expect(nodeError).toBeUndefined();
		expect(sandbox().log).toHaveLength(2);
		expect(sandbox().log[1].body).toEqual(sandbox().log[0].body);
		expect(sandbox().agentry.createCount).toBe(1);
		expect(items[0].json.draft_id).toBe(sandbox().agentry.drafts(INBOX)[0].draft_id);
	});

	test("n8n's Retry On Fail repeats the derived Client ID, so a lost answer still gives one draft", async () => {
		sandbox().faults.add({ match: { method: 'POST', path: '/drafts' }, kind: 'resetAfterProcessing', times: 1 });
		const { items, nodeError } = await runNode({
			type: 'agentry',
			parameters: {
				resource: 'draft',
				operation: 'create',
				inboxId: byId(INBOX),
				subject: 'Retried by n8n',
				options: { maxRetries: 0 },
			},
			credentials: agentryCredentials(sandbox()),
			retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
		});
		expect(nodeError).toBeUndefined();
		expect(sandbox().log).toHaveLength(2);
		expect(sandbox().log[1].body).toEqual(sandbox().log[0].body);
		expect(sandbox().agentry.createCount).toBe(1);
		expect(items[0].json.draft_id).toBe(sandbox().agentry.drafts(INBOX)[0].draft_id);
	});

	test('attaches files from binary fields and URLs', async () => {
		const pdf = Buffer.from('%PDF-1.4 quote');
		const logo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
		const { items, nodeError } = await agentry(
			{
				resource: 'draft',
				operation: 'create',
				to: 'jane@example.com',
				simple: false,
				attachmentsUi: {
					attachments: [
						{ source: 'binaryData', binaryPropertyName: 'data', contentDisposition: 'attachment' },
						{
							source: 'binaryData',
							binaryPropertyName: 'logo',
							contentDisposition: 'inline',
							contentId: 'logo',
							filename: 'brand.png',
						},
						{ source: 'url', url: 'https://files.example.com/terms.pdf', contentType: 'application/pdf' },
					],
				},
			},
			[
				binaryItem({
					data: { bytes: pdf, mimeType: 'application/pdf', fileName: 'quote.pdf' },
					logo: { bytes: logo, mimeType: 'image/png', fileName: 'logo.png' },
				}),
			],
		);
		expect(nodeError).toBeUndefined();
		expect((sandbox().log[0].body as { attachments: unknown }).attachments).toEqual([
			{
				content: pdf.toString('base64'),
				filename: 'quote.pdf',
				content_type: 'application/pdf',
				content_disposition: 'attachment',
			},
			{
				content: logo.toString('base64'),
				filename: 'brand.png',
				content_type: 'image/png',
				content_disposition: 'inline',
				content_id: 'logo',
			},
			{ url: 'https://files.example.com/terms.pdf', content_type: 'application/pdf', content_disposition: 'attachment' },
		]);
		const attachments = items[0].json.attachments as Array<{ attachment_id: string; size: number }>;
		expect(attachments.map((a) => a.size)).toEqual([pdf.length, logo.length, 0]);
		expect(sandbox().agentry.attachmentBytes(attachments[1].attachment_id)).toEqual(logo);
	});

	test('a bad address fails the item with the address named, before any request', async () => {
		const { nodeError } = await agentry({
			resource: 'draft',
			operation: 'create',
			to: 'jane@example.com',
			additionalFields: { cc: 'ann@example.com, not-an-address' },
		});
		expect(nodeError?.message).toMatch(/^CC contains an invalid email address: "not-an-address"\. Use /);
		expect((nodeError as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
		expect(sandbox().log).toHaveLength(0);
	});

	test('with Continue On Fail, a bad item becomes an error item and the others go on', async () => {
		const { items, nodeError } = await agentry(
			{ resource: 'draft', operation: 'create', to: '={{ $json.to }}', subject: '={{ $json.subject }}' },
			[
				{ json: { to: 'a@example.com', subject: 'First' } },
				{ json: { to: 'b@example', subject: 'Second' } },
				{ json: { to: 'c@example.com', subject: 'Third' } },
			],
			true,
		);
		expect(nodeError).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ subject: 'First' });
		expect(items[1].json.error).toMatch(/^To contains an invalid email address: "b@example"\. Use /);
		expect(items[2].json).toMatchObject({ subject: 'Third' });
		expect(sandbox().log.map((entry) => (entry.body as { subject: string }).subject)).toEqual(['First', 'Third']);
	});

	test('Simplify makes a list markedly smaller, for people and for AI agents', async () => {
		sandbox().agentry.seedDrafts(INBOX, 46, (i) => ({
			subject: `Following up on quote Q-${1000 + i}`,
			to: [`Lead ${i} <lead${i}@example.com>`],
			cc: ['Sales Team <team@example.com>'],
			bcc: ['audit@example.com'],
			labels: ['follow-up'],
			in_reply_to: `<msg-${i}@example.com>`,
			text: `Hi Lead ${i}, thanks for your time on the call today. ${'As promised, here are the details. '.repeat(8)}`,
		}));
		const size = async (simple: boolean) => {
			const { items } = await agentry({ resource: 'draft', operation: 'getAll', returnAll: true, simple });
			expect(items).toHaveLength(46);
			return JSON.stringify(items.map((item) => item.json)).length;
		};
		const [simplified, raw] = [await size(true), await size(false)];
		expect(simplified).toBeLessThan(raw * 0.6);
	});

	test('an unknown inbox is named in the error', async () => {
		const { nodeError } = await agentry({
			resource: 'draft',
			operation: 'create',
			inboxId: byId('nobody@agentry.test'),
			subject: 'x',
		});
		expect(nodeError?.message).toBe('Inbox "nobody@agentry.test" was not found');
	});
});

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

describe('draft: get many', () => {
	const pageRequests = () =>
		sandbox().log.map((entry) => ({ path: entry.path, limit: entry.query.limit, token: entry.query.page_token }));

	test('Return All reads every page at the largest size, without duplicates or gaps', async () => {
		sandbox().agentry.seedDrafts(INBOX, 250);
		const { items } = await agentry({ resource: 'draft', operation: 'getAll', returnAll: true, simple: false });

		const requests = pageRequests();
		expect(requests).toHaveLength(3);
		expect(requests.map((r) => r.limit)).toEqual(['100', '100', '100']);
		expect(requests[0].token).toBeUndefined();
		expect(requests.every((r) => r.path === DRAFTS)).toBe(true);
		expectAllAuthorized();

		const ids = items.map((item) => item.json.draft_id);
		expect(new Set(ids).size).toBe(250);
		expect(ids).toEqual(sandbox().agentry.drafts(INBOX).map((draft) => draft.draft_id));
		expect(items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('a Limit that ends mid-page asks only for what it still needs', async () => {
		sandbox().agentry.seedDrafts(INBOX, 250);
		const { items } = await agentry({ resource: 'draft', operation: 'getAll', limit: 150 });

		expect(pageRequests().map((r) => r.limit)).toEqual(['100', '50']);
		expect(pageRequests()[1].token).toEqual(expect.any(String));
		expect(items.map((item) => item.json.draft_id)).toEqual(
			sandbox().agentry.drafts(INBOX).slice(0, 150).map((draft) => draft.draft_id),
		);
		expect(Object.keys(items[0].json).sort()).toEqual(
			['attachment_count', 'draft_id', 'preview', 'subject', 'to', 'updated_at'].sort(),
		);
	});

	test('an unknown inbox is named in the error', async () => {
		const { nodeError } = await agentry({ resource: 'draft', operation: 'getAll', inboxId: byId('x@agentry.test') });
		expect(nodeError?.message).toBe('Inbox "x@agentry.test" was not found');
	});
});

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

describe('draft: delete and send', () => {
	test('delete outputs what was deleted', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const { items } = await agentry({ resource: 'draft', operation: 'delete', draftId: byId(draft.draft_id) });
		expect(requestLines(sandbox())).toEqual([`DELETE ${DRAFTS}/${draft.draft_id}`]);
		expectAllAuthorized();
		expect(items).toEqual([{ json: { deleted: true, draft_id: draft.draft_id }, pairedItem: { item: 0 } }]);
		expect(sandbox().agentry.drafts(INBOX)).toEqual([]);

		const again = await agentry({ resource: 'draft', operation: 'delete', draftId: byId(draft.draft_id) });
		expect(again.nodeError?.message).toBe(`Draft "${draft.draft_id}" was not found in inbox "${INBOX}"`);
	});

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
		expect(sandbox().log.filter((entry) => entry.method === 'POST')).toHaveLength(1);
		expect(nodeError?.description).toContain(`whether draft "${draft.draft_id}" went out`);
	});
});

describe('attachment', () => {
	const pdf = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256));

	test('round trip: add from binary, get with Download, same bytes; no token sent to the download host', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const added = await agentry(
			{ resource: 'attachment', operation: 'add', draftId: byId(draft.draft_id) },
			[binaryItem({ data: { bytes: pdf, mimeType: 'application/pdf', fileName: 'quote.pdf' } })],
		);
		expect(added.nodeError).toBeUndefined();
		expect(requestLines(sandbox())).toEqual([`POST ${DRAFTS}/${draft.draft_id}/attachments`]);
		expect(sandbox().log[0].body).toEqual({
			content: pdf.toString('base64'),
			filename: 'quote.pdf',
			content_type: 'application/pdf',
		});
		const attachmentId = added.items[0].json.attachment_id as string;
		expect(added.items[0].json).toEqual({
			attachment_id: attachmentId,
			content_disposition: 'attachment',
			content_type: 'application/pdf',
			filename: 'quote.pdf',
			size: pdf.length,
			draft_id: draft.draft_id,
			inbox_id: INBOX,
		});

		const got = await agentry({
			resource: 'attachment',
			operation: 'get',
			draftId: byId(draft.draft_id),
			attachmentId,
			options: { download: true, binaryPropertyName: 'file' },
		});
		expect(got.nodeError).toBeUndefined();
		expect(sandbox().log.at(-1)?.path).toBe(`${DRAFTS}/${draft.draft_id}/attachments/${attachmentId}`);
		expectAllAuthorized();
		expect(got.items[0].json).toMatchObject({ attachment_id: attachmentId, size: pdf.length, filename: 'quote.pdf' });
		const file = got.items[0].binary?.file;
		expect(file).toMatchObject({ fileName: 'quote.pdf', mimeType: 'application/pdf' });
		expect(Buffer.from(file?.data ?? '', 'base64')).toEqual(pdf);

		expect(sandbox().downloadLog).toHaveLength(1);
		expect(sandbox().downloadLog[0].headers.authorization).toBeUndefined();
		expect(JSON.stringify(sandbox().downloadLog[0].headers)).not.toContain(Sandbox.AGENTRY_TOKEN);
	});

	test('several binary fields become one request and one output item each', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const { items } = await agentry(
			{ resource: 'attachment', operation: 'add', draftId: byId(draft.draft_id), binaryPropertyName: 'data, extra' },
			[
				binaryItem({
					data: { bytes: Buffer.from('one'), mimeType: 'text/plain', fileName: 'one.txt' },
					extra: { bytes: Buffer.from('two!'), mimeType: 'text/csv', fileName: 'two.csv' },
				}),
			],
		);
		expect(sandbox().log.map((entry) => (entry.body as { filename: string }).filename)).toEqual(['one.txt', 'two.csv']);
		expect(items.map((item) => [item.json.filename, item.json.size, item.pairedItem])).toEqual([
			['one.txt', 3, { item: 0 }],
			['two.csv', 4, { item: 0 }],
		]);
	});

	test('from a URL, with presentation options', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const { items } = await agentry({
			resource: 'attachment',
			operation: 'add',
			draftId: byId(draft.draft_id),
			source: 'url',
			url: 'https://cdn.example.com/logo.png',
			options: { contentDisposition: 'inline', contentId: 'logo', filename: 'logo.png', contentType: 'image/png' },
		});
		expect(sandbox().log[0].body).toEqual({
			url: 'https://cdn.example.com/logo.png',
			filename: 'logo.png',
			content_type: 'image/png',
			content_disposition: 'inline',
			content_id: 'logo',
		});
		expect(items[0].json).toMatchObject({ content_disposition: 'inline', content_id: 'logo' });
	});

	test('a missing binary field or a bad URL fails before any request', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const missing = await agentry(
			{ resource: 'attachment', operation: 'add', draftId: byId(draft.draft_id), binaryPropertyName: 'invoice' },
			[binaryItem({ data: { bytes: Buffer.from('x'), mimeType: 'text/plain', fileName: 'x.txt' } })],
		);
		expect(missing.nodeError?.message).toBe('The input item has no binary property "invoice"');

		const badUrl = await agentry({
			resource: 'attachment',
			operation: 'add',
			draftId: byId(draft.draft_id),
			source: 'url',
			url: 'ftp://example.com/file',
		});
		expect(badUrl.nodeError?.message).toBe(
			'URL "ftp://example.com/file" is not an http(s) URL. Use a full address such as https://example.com/file.pdf',
		);
		expect(sandbox().log).toHaveLength(0);
	});

	test('get without Download returns the metadata only', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const meta = sandbox().agentry.addAttachment(draft.draft_id, {
			content: Buffer.from('abc'),
			filename: 'a.txt',
			content_type: 'text/plain',
		});
		const { items } = await agentry({
			resource: 'attachment',
			operation: 'get',
			draftId: byId(draft.draft_id),
			attachmentId: meta.attachment_id,
		});
		expect(items[0].json).toEqual({
			...meta,
			download_url: expect.stringContaining(`${sandbox().downloadUrl}/downloads/`),
			expires_at: expect.any(String),
		});
		expect(items[0].binary).toBeUndefined();
		expect(sandbox().downloadLog).toHaveLength(0);
	});

	test('a failed download is reported as such', async () => {
		const [draft] = sandbox().agentry.seedDrafts(INBOX, 1);
		const meta = sandbox().agentry.addAttachment(draft.draft_id, { content: Buffer.from('abc'), filename: 'a.txt' });
		sandbox().faults.add({ match: { path: '/downloads/' }, kind: 'status', status: 403 });
		const { nodeError } = await agentry({
			resource: 'attachment',
			operation: 'get',
			draftId: byId(draft.draft_id),
			attachmentId: meta.attachment_id,
			options: { download: true },
		});
		expect(nodeError?.message).toBe(`The file of attachment "${meta.attachment_id}" could not be downloaded`);
		expect(nodeError?.description).toContain('answered HTTP 403');
	});

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
		expect(requestLines(sandbox())).toEqual([`DELETE ${DRAFTS}/${draft.draft_id}/attachments/${meta.attachment_id}`]);
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

describe('pickers', () => {
	const credentials = () => agentryCredentials(sandbox());

	test('inbox list: "Display Name <email>", one page per scroll, no duplicates or gaps', async () => {
		const seeded = sandbox().agentry.seedInboxes(230);
		const newest = seeded[seeded.length - 1];
		const results: INodeListSearchItems[] = [];
		const pages: number[] = [];
		let token: string | undefined;
		do {
			const page = await listSearch({ type: 'agentry', method: 'searchInboxes', credentials: credentials(), paginationToken: token });
			pages.push(page.results.length);
			results.push(...page.results);
			token = page.paginationToken as string | undefined;
		} while (token);
		expect(pages).toEqual([100, 100, 31]);
		expect(new Set(results.map((result) => result.value)).size).toBe(231);
		expect(results).toContainEqual({ name: `Sales <${INBOX}>`, value: INBOX });
		expect(results[0]).toEqual({ name: `${newest.display_name} <${newest.email}>`, value: newest.inbox_id });
		expect(sandbox().log.map((entry) => entry.query.limit)).toEqual(['100', '100', '100']);
		expect(sandbox().log[0].query.page_token).toBeUndefined();
		expectAllAuthorized();
	});

	test('inbox search filters case-insensitively and reads on until a screenful matched', async () => {
		sandbox().agentry.seedInboxes(300, (i) => ({ display_name: i % 10 === 0 ? `Support ${i}` : `Team ${i}` }));
		sandbox().clearLog();
		const call = (paginationToken?: string) =>
			listSearch({ type: 'agentry', method: 'searchInboxes', credentials: credentials(), filter: 'SUPPORT', paginationToken });

		const first = await call();
		expect(first.results.length).toBeGreaterThanOrEqual(20);
		expect(first.paginationToken).toEqual(expect.any(String));
		const rest = await call(first.paginationToken as string);
		expect(rest.paginationToken).toBeUndefined();

		const names = [...first.results, ...rest.results].map((result) => result.name);
		expect(names).toHaveLength(30);
		expect(new Set(names).size).toBe(30);
		expect(names.every((name) => name.startsWith('Support '))).toBe(true);
		expect(sandbox().log).toHaveLength(4);

		const byEmail = await listSearch({ type: 'agentry', method: 'searchInboxes', credentials: credentials(), filter: 'SALES@' });
		expect(byEmail.results).toEqual([{ name: `Sales <${INBOX}>`, value: INBOX }]);
	});

	test('draft list: the chosen inbox, newest first, with subject and recipients, filtered', async () => {
		const drafts = sandbox().agentry.seedDrafts(INBOX, 130, (i) => ({ subject: i === 5 ? 'Renewal offer' : `Draft ${i}` }));
		const parameters = { inboxId: fromList(INBOX) };
		const first = await listSearch({ type: 'agentry', method: 'searchDrafts', credentials: credentials(), parameters });
		expect(first.results[0]).toEqual({ name: `Draft 0 → ${drafts[0].to?.[0]}`, value: drafts[0].draft_id });
		expect(first.results).toHaveLength(100);
		const second = await listSearch({
			type: 'agentry',
			method: 'searchDrafts',
			credentials: credentials(),
			parameters,
			paginationToken: first.paginationToken as string,
		});
		expect([...first.results, ...second.results].map((r) => r.value)).toEqual(drafts.map((d) => d.draft_id));
		expect(sandbox().log[0].path).toBe(DRAFTS);

		const filtered = await listSearch({
			type: 'agentry',
			method: 'searchDrafts',
			credentials: credentials(),
			parameters,
			filter: 'renewal',
		});
		expect(filtered.results).toEqual([{ name: `Renewal offer → ${drafts[5].to?.[0]}`, value: drafts[5].draft_id }]);
	});

	test('draft list without an inbox asks to choose one', async () => {
		await expect(
			listSearch({ type: 'agentry', method: 'searchDrafts', credentials: credentials(), parameters: { inboxId: fromList('') } }),
		).rejects.toThrow('Choose an inbox first');
	});

	test('attachment list: the chosen draft’s attachments, named by file, type and size, filtered', async () => {
		const draft = sandbox().agentry.addDraft(INBOX, { subject: 'Quote' });
		const pdf = sandbox().agentry.addAttachment(draft.draft_id, {
			content: Buffer.from('%PDF-1.4'),
			filename: 'quote.pdf',
			content_type: 'application/pdf',
		});
		const logo = sandbox().agentry.addAttachment(draft.draft_id, {
			content: Buffer.from('PNG'),
			filename: 'logo.png',
			content_type: 'image/png',
		});
		const parameters = { resource: 'attachment', operation: 'get', inboxId: fromList(INBOX), draftId: fromList(draft.draft_id) };
		const all = await listSearch({ type: 'agentry', method: 'searchAttachments', credentials: credentials(), parameters });
		expect(all.results).toEqual([
			{ name: 'quote.pdf (application/pdf, 8 bytes)', value: pdf.attachment_id },
			{ name: 'logo.png (image/png, 3 bytes)', value: logo.attachment_id },
		]);
		expect(requestLines(sandbox())).toEqual([`GET ${DRAFTS}/${draft.draft_id}`]);
		const filtered = await listSearch({
			type: 'agentry',
			method: 'searchAttachments',
			credentials: credentials(),
			parameters,
			filter: 'PNG',
		});
		expect(filtered.results.map((result) => result.value)).toEqual([logo.attachment_id]);
	});

	test('attachment list without a draft asks to choose one', async () => {
		const parameters = { resource: 'attachment', operation: 'delete', inboxId: fromList(INBOX), draftId: fromList('') };
		await expect(
			listSearch({ type: 'agentry', method: 'searchAttachments', credentials: credentials(), parameters }),
		).rejects.toThrow('Choose a draft first');
	});

	test('an attachment picked from the list is read by its value', async () => {
		const draft = sandbox().agentry.addDraft(INBOX, { subject: 'Quote' });
		const file = sandbox().agentry.addAttachment(draft.draft_id, { content: Buffer.from('x'), filename: 'x.txt' });
		const { items, nodeError } = await agentry({
			resource: 'attachment',
			operation: 'get',
			draftId: fromList(draft.draft_id),
			attachmentId: fromList(file.attachment_id),
		});
		expect(nodeError).toBeUndefined();
		expect(items[0].json.attachment_id).toBe(file.attachment_id);
	});

	test('labels: those used on the inbox’s latest 1000 drafts, sorted and unique', async () => {
		sandbox().agentry.seedDrafts(INBOX, 1100, (i) => ({
			labels: i === 1050 ? ['too-old'] : i % 3 === 0 ? ['vip', 'quotes'] : i % 3 === 1 ? ['quotes'] : [],
		}));
		const options = await loadOptions({
			type: 'agentry',
			method: 'getLabels',
			credentials: credentials(),
			parameters: { inboxId: byId(INBOX) },
		});
		expect(options).toEqual([
			{ name: 'quotes', value: 'quotes' },
			{ name: 'vip', value: 'vip' },
		]);
		expect(sandbox().log).toHaveLength(10);
		expectAllAuthorized();
	});
});
