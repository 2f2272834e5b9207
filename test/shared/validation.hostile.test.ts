import { type Modules, type Outcome, useHostileWorker } from '../support/hostileWorker';

/**
 * Every validator and parser that reads user input (or a server's text), fed a megabyte of the
 * input that makes a backtracking pattern or a rescanning loop quadratic. Each case asserts what
 * the check does with it; the cases run in a worker thread, so a check that is not linear holds
 * up only that worker and the test fails on Jest's timeout (linear ones take milliseconds).
 */
const run = useHostileWorker();
const MB = 1_000_000;

function failed(outcome: Outcome): { name: string; message: string; description?: string | null } {
	if (!('error' in outcome)) throw new Error(`expected an error, got ${JSON.stringify(outcome).slice(0, 200)}`);
	return outcome.error;
}

function value(outcome: Outcome): { value: unknown; length?: number } {
	if ('error' in outcome) throw new Error(`expected a value, got ${outcome.error.name}: ${outcome.error.message.slice(0, 200)}`);
	return outcome;
}

/** A refusal that quotes the value short: the message stays short and says the length. */
function expectShortRefusal(outcome: Outcome, message: RegExp) {
	const error = failed(outcome);
	expect(error.name).toBe('NodeOperationError');
	expect(error.message).toMatch(message);
	expect(error.message.length).toBeLessThan(400);
	expect((error.description ?? '').length).toBeLessThan(400);
}

describe('addresses', () => {
	test('a name with a megabyte of spaces is normalized, the spaces collapsed', async () => {
		const outcome = await run((m, text) => m.validation.normalizeAddress(text), `a${' '.repeat(MB)}b <jane@example.com>`);
		expect(value(outcome).value).toBe('a b <jane@example.com>');
	});

	test.each([
		['"a" + a megabyte of spaces + "b"', `a${' '.repeat(MB)}b`],
		['a megabyte of "<"', '<'.repeat(MB)],
		['a megabyte of "<" and a ">"', `${'<'.repeat(MB)}>`],
		['a megabyte of spaces before "<x>"', `${' '.repeat(MB)}<x>`],
		['a local part of a megabyte without "@"', 'a'.repeat(MB)],
		['a megabyte of domain labels ending in "-"', `a@${'a.'.repeat(MB / 2)}-`],
		['a megabyte of dotted local part ending in "."', `${'a.'.repeat(MB / 2)}@example.com`],
		['a megabyte of "\\t" in a name', `J${'\t'.repeat(MB)} <j@example.com>`],
	])('normalizeAddress refuses %s', async (_name, text) => {
		expect(value(await run((m, input) => m.validation.normalizeAddress(input) ?? null, text)).value).toBeNull();
	});

	test.each([
		['quotes and backslashes', '"\\'.repeat(MB / 2), 1],
		['commas', ','.repeat(MB), 0],
		['bracketed commas', `<${','.repeat(MB)}>`, 1],
		['addresses', 'a@b.co,'.repeat(MB / 7), Math.floor(MB / 7)],
	])('splitAddresses reads a megabyte of %s', async (_name, text, parts) => {
		expect(value(await run((m, input) => m.validation.splitAddresses(input), text)).length).toBe(parts);
	});

	test('a name of escaped quotes without its closing quote is taken as text and quoted', async () => {
		const outcome = await run((m, text) => m.validation.normalizeAddress(text), `"${'\\"'.repeat(MB / 2)} <a@example.com>`);
		expect(value(outcome).value).toMatch(/^"\\"\\\\\\"/);
	});

	test('To with "a" + a megabyte of spaces + "b" is refused as too long for one address', async () => {
		const outcome = await run((m, input) => m.check().addresses(input, 'To'), `a${' '.repeat(MB - 10)}b`);
		expectShortRefusal(outcome, /^To address is too long \(999992 characters; the most is 998\)$/);
	});

	test('To of a megabyte and a byte is refused as too long', async () => {
		const outcome = await run((m, input) => m.check().addresses(input, 'To'), `a${' '.repeat(MB)}b`);
		expectShortRefusal(outcome, /^To is too long \(1000002 characters; the most is 1000000\)$/);
	});

	test('a megabyte of bad addresses fails on the first, quoted short', async () => {
		const outcome = await run((m, input) => m.check().addresses(input, 'CC'), `${'x'.repeat(900)},`.repeat(1100));
		expectShortRefusal(outcome, /^CC contains an invalid email address: "x{40}…" \(900 characters\)/);
	});

	test('a megabyte of good addresses is read in full', async () => {
		const outcome = await run((m, input) => m.check().emails(input, 'BCC'), 'a@b.co, '.repeat(MB / 8));
		expect(value(outcome).length).toBe(MB / 8);
	});

	test('a megabyte with a line break in a display name is refused, naming the character', async () => {
		const outcome = await run((m, input) => m.check().addresses(input, 'To'), `${'j@y.co, '.repeat((MB - 100) / 8)}Ja\r\nBcc: x@y.co <j@y.co>`);
		expectShortRefusal(outcome, /^To address contains a control character \(carriage return at position 3\): "Ja\\r\\nBcc: x@y.co <j@y.co>"$/);
	});
});

describe('single values', () => {
	test.each([
		['text over the body limit', (m: Modules, input: string) => m.check().text(input, 'HTML', m.validation.MAX_BODY_LENGTH), 'x'.repeat(MB + 1), /^HTML is too long \(1000001 characters; the most is 1000000\)$/],
		['a line with a line feed at the end', (m: Modules, input: string) => m.check().line(input, 'URL', m.validation.MAX_BODY_LENGTH), `${'x'.repeat(MB - 2)}\ny`, /^URL contains a control character \(line feed at position 999999\): "x{40}…" \(1000000 characters\)$/],
		['an ID of a megabyte of "/"', (m: Modules, input: string) => m.check().id(input, 'Draft'), '/'.repeat(MB), /^Draft is too long \(1000000 characters; the most is 256\)$/],
		['an email of a megabyte', (m: Modules, input: string) => m.check().email(input, 'To Email'), `a@${'a.'.repeat(MB / 2)}`, /^To Email is too long/],
		['a phone number of a megabyte of digits', (m: Modules, input: string) => m.check().phone(input, 'To Phone Number'), '1'.repeat(MB), /^To Phone Number is too long/],
		['a date followed by a megabyte of digits', (m: Modules, input: string) => m.check().dateTime(input, 'Start Date'), `2026-05-02T${'1'.repeat(MB)}`, /^Start Date is not a valid date and time: "2026-05-02T1{29}…" \(1000011 characters\)\. Use ISO 8601/],
		['a Send At of a date and a megabyte of spaces', (m: Modules, input: string) => m.check().sendAt(input, 'Send At'), `2030-05-02T09:30:00${' '.repeat(MB)}+25:00`, /^Send At is not a valid date and time: "2030-05-02T09:30:00 {21}…" \(1000025 characters\)/],
		['a URL of a megabyte that is not http', (m: Modules, input: string) => m.check().httpUrl(input, 'URL'), `ftp://${'a'.repeat(MB - 6)}`, /^URL "ftp:\/\/a{34}…" \(1000000 characters\) is not an http\(s\) URL/],
		['a Limit of a megabyte of digits', (m: Modules, input: string) => m.check().positiveInteger(input, 'Limit'), '9'.repeat(MB), /^Limit must be a whole number of at least 1, not "9{40}…" \(1000000 characters\)$/],
		['a Max Concurrency of a megabyte of spaces', (m: Modules, input: string) => m.check().integer(input, 'Max Concurrency', 1, 200), ' '.repeat(MB), /^Max Concurrency must be a whole number from 1 to 200, not " {40}…" \(1000000 characters\)$/],
		['a label of a megabyte', (m: Modules, input: string) => m.check().stringList(input, 'Labels'), 'l'.repeat(MB), /^Labels is too long/],
	])('%s is refused, quoted short', async (_name, check, input, message) => {
		expectShortRefusal(await run(check, input), message);
	});

	test('a URL of a megabyte is taken as it is', async () => {
		const url = `https://example.com/${'a'.repeat(MB - 100)}`;
		expect(value(await run((m, input) => m.check().httpUrl(input, 'URL'), url)).length).toBe(url.length);
	});

	test('a megabyte of commas is no labels and no binary fields', async () => {
		expect(value(await run((m, input) => m.check().stringList(input, 'Labels'), ','.repeat(MB))).length).toBe(0);
	});

	test('a megabyte of dots is no path segment', async () => {
		expect(value(await run((m, input) => m.validation.isPathSegment(input), '.'.repeat(MB))).value).toBe(false);
	});

	test('a megabyte of "[" after http:// is no URL', async () => {
		expect(value(await run((m, input) => m.validation.isHttpUrl(input), `http://${'['.repeat(MB)}`)).value).toBe(false);
	});
});

describe('text the nodes read from servers and from the trigger filters', () => {
	test.each([
		['unclosed <script tags', '<script'.repeat(MB / 7), ''],
		['unclosed <style tags after text', `hi ${'<style'.repeat(MB / 6)}`, 'hi'],
		['a megabyte of "<"', '<'.repeat(MB), '<'.repeat(MB)],
		['"<a" repeated', '<a'.repeat(MB / 2), '<a'.repeat(MB / 2)],
		['"&a" repeated', '&a'.repeat(MB / 2), '&a'.repeat(MB / 2)],
		['closed scripts between text', 'a<script>x</script>'.repeat(MB / 19), 'a '.repeat(MB / 19).trim()],
	])('htmlToText reads %s', async (_name, html, text) => {
		const outcome = value(await run((m, input) => m.output.htmlToText(input), html));
		expect(outcome.length).toBe(text.length);
		expect(outcome.value).toBe(text.slice(0, 200));
	});

	test.each([
		['<title', '<title'.repeat(MB / 6)],
		['<h1', '<h1'.repeat(MB / 3)],
		['<title> without its end', `<title>${'x'.repeat(MB)}`],
	])('an error page of a megabyte of %s gives a message', async (_name, page) => {
		const outcome = value(await run((m, body) => m.errors.describeErrorBody(body).message?.length ?? 0, page));
		expect(outcome.value).toBeGreaterThan(0);
	});

	test.each([
		['dashes between letters', `a${'-'.repeat(MB)}!`, 'a'],
		['punctuation before a letter', `${'!-'.repeat(MB / 2)}a`, 'a'],
	])('a folder name of a megabyte of %s', async (_name, name, key) => {
		expect(value(await run((m, input) => m.filters.folderKey(input), name)).value).toBe(key);
	});

	test('a Base URL with a megabyte of slashes before a path', async () => {
		const base = `https://api.example.com${'/'.repeat(MB)}x`;
		expect(value(await run((m, input) => m.baseUrl.readBaseUrl(input, '/human/v0', 'Agentry'), base)).value).toMatchObject({ ok: true });
	});

	test.each([
		['slashes at the end', `https://api.example.com/x${'/'.repeat(MB)}`, { ok: true, root: 'https://api.example.com/x' }],
		['a scheme of a megabyte without "://"', 'h'.repeat(MB), { ok: false }],
		['an authority of a megabyte without "@"', `https://${'a'.repeat(MB)}`, { ok: true }],
		['a megabyte of "@"', `https://${'@'.repeat(MB)}`, { ok: false }],
		['a megabyte of "?"', `https://api.example.com/${'?'.repeat(MB)}`, { ok: false }],
	])('a Base URL of %s is read in linear time', async (_name, base, expected) => {
		expect(value(await run((m, input) => m.baseUrl.readBaseUrl(input, '/human/v0', 'Agentry'), base)).value).toMatchObject(expected);
	});

	test('a Base URL of a megabyte that is not http is quoted short', async () => {
		const outcome = value(await run((m, input) => m.baseUrl.readBaseUrl(input, '/human/v0', 'Agentry'), `ftp:${'x'.repeat(MB)}`));
		expect((outcome.value as { message: string }).message).toMatch(/^The Agentry credential's Base URL "ftp:x{36}…" \(1000004 characters\) is not an http\(s\) URL$/);
	});

	test('quote shows a megabyte as its first characters and its length', async () => {
		expect(value(await run((m, input) => m.quote.quote(input), '\n'.repeat(MB))).value).toBe(`"${'\\n'.repeat(40)}…" (1000000 characters)`);
	});
});
