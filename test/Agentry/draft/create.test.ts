import { byId, requestLines } from '../../support/sandbox';
import { binaryItem, DRAFTS, INBOX, useAgentry } from '../support';

const { sandbox, agentry, expectAllAuthorized } = useAgentry();

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
