import type { INodeListSearchItems } from 'n8n-workflow';

import { listSearch } from '../../harness/loadOptions';
import { agentryCredentials, fromList, requestLines } from '../../support/sandbox';
import { DRAFTS, INBOX, useAgentry } from '../support';

const { sandbox, agentry, expectAllAuthorized } = useAgentry();

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
});
