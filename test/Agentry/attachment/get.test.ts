import { Sandbox } from '../../sandbox/server';
import { byId, requestLines } from '../../support/sandbox';
import { binaryItem, DRAFTS, INBOX, useAgentry } from '../support';

const { sandbox, agentry, expectAllAuthorized } = useAgentry();

describe('attachment: get', () => {
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
});
