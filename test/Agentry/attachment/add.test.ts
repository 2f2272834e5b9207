import { byId } from '../../support/sandbox';
import { binaryItem, INBOX, useAgentry } from '../support';

const { sandbox, agentry } = useAgentry();

describe('attachment: add', () => {
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
});
