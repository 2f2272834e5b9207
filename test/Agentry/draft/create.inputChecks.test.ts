import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { runNode } from '../../harness/engine';
import { agentryCredentials, byId, useSandbox } from '../../support/sandbox';

/** What Agentry's create refuses before sending, and what it still sends. */
const sandbox = useSandbox();
const INBOX = 'checks@agentry.test';
const MB = 1_000_000;
const FILE = { data: Buffer.from('%PDF-1.4 quote').toString('base64'), mimeType: 'application/pdf', fileName: 'quote.pdf' };

beforeEach(() => sandbox().agentry.addInbox({ email: INBOX, display_name: 'Checks' }));

const base = { resource: 'draft', operation: 'create', inboxId: byId(INBOX), to: 'jane@example.com', subject: 'Hi' };

async function create(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false) {
	return await runNode({
		type: 'agentry',
		parameters: { ...base, ...parameters },
		credentials: agentryCredentials(sandbox()),
		input: input ?? [{ json: { value: '' }, binary: { data: FILE } }],
		continueOnFail,
	});
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** The value under test comes from the item, as from a webhook. */
const VALUE = '={{ $json.value }}';
const withValue = (value: string | null) => [{ json: { value }, binary: { data: FILE } }];
const urlAttachment = (field: string) => ({ attachmentsUi: { attachments: [{ source: 'url', url: 'https://example.com/q.pdf', [field]: VALUE }] } });

describe('single-line fields refuse control characters, naming the field', () => {
	test.each([
		['Subject', { subject: VALUE }],
		['In Reply To', { additionalFields: { inReplyTo: VALUE } }],
		['Client ID', { additionalFields: { clientId: VALUE } }],
		['Labels', { additionalFields: { labels: VALUE } }],
		['To address', { to: VALUE }],
		['CC address', { additionalFields: { cc: VALUE } }],
		['BCC address', { additionalFields: { bcc: VALUE } }],
		['Reply-To address', { additionalFields: { replyTo: VALUE } }],
		['Filename', urlAttachment('filename')],
		['Content Type', urlAttachment('contentType')],
		['Content ID', urlAttachment('contentId')],
		['URL', { attachmentsUi: { attachments: [{ source: 'url', url: VALUE }] } }],
	])('%s', async (field, parameters) => {
		for (const [character, name] of [['\r\n', 'carriage return'], ['\n', 'line feed'], ['\u0000', 'NUL'], ['\t', 'tab'], ['\u2028', 'U+2028']]) {
			// An address keeps its form around the character; a URL its scheme.
			const value = field.endsWith('address') ? `Jane${character}Bcc: x@example.com <jane@example.com>` : field === 'URL' ? `https://example.com/a${character}b` : `a${character}b`;
			const { nodeError } = await create(parameters, withValue(value));
			expect(nodeError?.message).toMatch(new RegExp(`^${escape(field)} contains a control character \\(${escape(name)} at position \\d+\\): "`));
			expect(nodeError?.message).not.toContain(character);
			expect(nodeError?.description).toMatch(/is a single line/);
		}
		expect(sandbox().log).toEqual([]);
	});

	test('a tab in the Text body is sent as written, with the rest of the body', async () => {
		const { nodeError } = await create({ text: 'Total:\t42\r\nThanks' });
		expect(nodeError).toBeUndefined();
		expect(sandbox().log[0].body).toMatchObject({ text: 'Total:\t42\r\nThanks' });
	});

	test('line breaks between addresses still separate them', async () => {
		const { nodeError } = await create({ to: 'a@example.com,\r\nb@example.com' });
		expect(nodeError).toBeUndefined();
		expect(sandbox().log[0].body).toMatchObject({ to: ['a@example.com', 'b@example.com'] });
	});
});

describe('Send At', () => {
	const sendAt = { additionalFields: { sendAt: VALUE } };
	test.each([
		['an offset beyond ±18:00', '2030-01-02T09:00:00+25:00', /^Send At is not a valid date and time: "2030-01-02T09:00:00\+25:00"/],
		['an offset with 60 minutes', '2030-01-02T09:00:00+01:60', /^Send At is not a valid date and time/],
		['year 0', '0000-01-01T00:00:00Z', /^Send At is before the year 2000: -000001-12-31T23:59:59|^Send At is before the year 2000: 0000-01-01/],
		['1970, a zero timestamp', '1970-01-01T00:00:00Z', /^Send At is before the year 2000: 1970-01-01T00:00:00\.000Z$/],
		['1999', '1999-12-31T23:59:59Z', /^Send At is before the year 2000/],
		['an hour ago', DateTime.utc().minus({ hours: 1 }).toISO(), /^Send At is in the past: .* \(now is .*\)$/],
		['ten minutes ago', DateTime.utc().minus({ minutes: 10 }).toISO(), /^Send At is in the past/],
	])('%s is refused, saying why', async (_name, value, message) => {
		const { nodeError } = await create(sendAt, withValue(value));
		expect(nodeError?.message).toMatch(message);
		expect(sandbox().log).toEqual([]);
	});

	test('the past says how to send right away instead', async () => {
		const { nodeError } = await create(sendAt, withValue('2026-01-01T00:00:00Z'));
		expect(nodeError?.description).toMatch(/leave Send At empty and use the Send operation/);
	});

	test('a minute ago is still taken (clocks differ), and sent as it is', async () => {
		const value = DateTime.utc().minus({ minutes: 1 }).startOf('second');
		const { nodeError } = await create(sendAt, withValue(value.toISO()));
		expect(nodeError).toBeUndefined();
		expect(sandbox().log[0].body).toMatchObject({ send_at: value.toISO() });
	});
});

describe('Client ID', () => {
	const items = (...subjects: string[]) => subjects.map((subject) => ({ json: { subject } }));
	const twoItems = { subject: '={{ $json.subject }}', additionalFields: { clientId: 'lead-42' } };

	test('two items with one Client ID and different content: the second fails, saying why', async () => {
		const { nodeError } = await create(twoItems, items('First', 'Second'));
		expect(nodeError?.message).toBe('Client ID "lead-42" is already used by item 0 of this run, which has other content');
		expect(nodeError?.description).toMatch(/Agentry would return item 0's draft instead of creating this one/);
		expect((nodeError as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(sandbox().agentry.drafts(INBOX).map((draft) => draft.subject)).toEqual(['First']);
	});

	test('with Continue On Fail, the first is created and the second is an error item', async () => {
		const { items: output, nodeError } = await create(twoItems, items('First', 'Second'), true);
		expect(nodeError).toBeUndefined();
		expect(output[0].json).toMatchObject({ subject: 'First' });
		expect(output[1].json.error).toMatch(/^Client ID "lead-42" is already used by item 0/);
		expect(sandbox().log.filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});

	test('two items with one Client ID and the same content are one draft, as Agentry makes them', async () => {
		const { items: output, nodeError } = await create(twoItems, items('Same', 'Same'));
		expect(nodeError).toBeUndefined();
		expect(output[0].json.draft_id).toBe(output[1].json.draft_id);
		expect(sandbox().agentry.drafts(INBOX)).toHaveLength(1);
	});

	test('one Client ID in two inboxes is two drafts', async () => {
		sandbox().agentry.addInbox({ email: 'other@agentry.test', display_name: 'Other' });
		const { nodeError } = await create({ ...twoItems, inboxId: byId('={{ $json.inbox }}') }, [
			{ json: { subject: 'First', inbox: INBOX } },
			{ json: { subject: 'Second', inbox: 'other@agentry.test' } },
		]);
		expect(nodeError).toBeUndefined();
	});
});

describe('a megabyte in a field is quoted short in the error', () => {
	test.each([
		['To', { to: VALUE }, `${'x'.repeat(MB - 1)}@`, /^To address is too long \(1000000 characters; the most is 998\)$/],
		['CC', { additionalFields: { cc: VALUE } }, `a@example.com, ${'x'.repeat(900)}`, /^CC contains an invalid email address: "x{40}…" \(900 characters\)\./],
		['Send At', { additionalFields: { sendAt: VALUE } }, `2030-01-02T09:00:00${'Z'.repeat(MB)}`, /^Send At is not a valid date and time: "2030-01-02T09:00:00Z{21}…" \(1000019 characters\)\./],
		['URL', { attachmentsUi: { attachments: [{ source: 'url', url: VALUE }] } }, `ftp://${'a'.repeat(MB - 6)}`, /^URL "ftp:\/\/a{34}…" \(1000000 characters\) is not an http\(s\) URL/],
	])('%s', async (_field, parameters, value, message) => {
		const { nodeError } = await create(parameters, withValue(value));
		expect(nodeError?.message).toMatch(message);
		expect(nodeError?.message.length).toBeLessThan(300);
		expect(sandbox().log).toEqual([]);
	});
});
