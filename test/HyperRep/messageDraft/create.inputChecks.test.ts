import { runNode } from '../../harness/engine';
import { hyperRepCredentials, useSandbox } from '../../support/sandbox';

/** What HyperRep's create refuses before sending. */
const sandbox = useSandbox();
const VALUE = '={{ $json.value }}';
const email = { resource: 'messageDraft', operation: 'create', toEmail: 'lead@example.com', subject: 'Hi' };

async function create(parameters: Record<string, unknown>, value: string) {
	return await runNode({
		type: 'hyperRep',
		parameters: { ...email, ...parameters },
		credentials: hyperRepCredentials(sandbox()),
		input: [{ json: { value } }],
	});
}

describe('single-line fields refuse control characters, naming the field', () => {
	test.each([
		['Subject', { subject: VALUE }, 'Hi\r\nBcc: all@example.com', 'carriage return'],
		['To Name', { toName: VALUE }, 'Diana\nPrince', 'line feed'],
		['Folder', { folder: { __rl: true, mode: 'name', value: VALUE } }, 'sales\u0000', 'NUL'],
		['To Email', { toEmail: VALUE }, 'lead@example.com\u0085', 'U+0085'],
		['To Phone Number', { modality: 'text', textBody: 'Hi', toPhoneNumber: VALUE }, '+1 513\t867 5309', 'tab'],
		['CC address', { cc: VALUE }, 'a@example.com, b@exa\u2028mple.com', 'U+2028'],
	])('%s', async (field, parameters, value, character) => {
		const { nodeError } = await create(parameters, value);
		expect(nodeError?.message).toContain(`${field} contains a control character (${character} at position`);
		expect(sandbox().log).toEqual([]);
	});

	test('a body keeps its line breaks and tabs', async () => {
		const { nodeError } = await create({ bodyHtml: VALUE }, '<p>Hi</p>\r\n\t<p>Bye</p>');
		expect(nodeError).toBeUndefined();
		expect(sandbox().log[0].body).toMatchObject({ body_html: '<p>Hi</p>\r\n\t<p>Bye</p>' });
	});
});

test('a megabyte of CC is quoted short', async () => {
	const { nodeError } = await create({ cc: VALUE }, `a@example.com, ${'x'.repeat(999_000)}`);
	expect(nodeError?.message).toMatch(/^CC address is too long \(999000 characters; the most is 998\)$/);
	expect(sandbox().log).toEqual([]);
});
