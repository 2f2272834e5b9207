import { emailDraft, useHyperRep } from '../support';

const { sandbox, hyperRep } = useHyperRep();

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
