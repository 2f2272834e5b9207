import { quote, QUOTE_LENGTH } from '../../nodes/shared/quote';

describe('quote', () => {
	test('a short value is quoted whole, as JSON writes it', () => {
		expect(quote('next tuesday')).toBe('"next tuesday"');
		expect(quote('a"b')).toBe('"a\\"b"');
	});

	test('control characters are shown escaped, so a line break cannot hide the rest', () => {
		expect(quote('Jane\r\nBcc: x@y.co')).toBe('"Jane\\r\\nBcc: x@y.co"');
		expect(quote('\u0000')).toBe('"\\u0000"');
		expect(quote('a\u2028b\u0085c\u007f')).toBe('"a\\u2028b\\u0085c\\u007f"');
	});

	test('a long value shows its first characters and says its length', () => {
		expect(quote('x'.repeat(1_000_000))).toBe(`"${'x'.repeat(QUOTE_LENGTH)}…" (1000000 characters)`);
		expect(quote('x'.repeat(QUOTE_LENGTH))).toBe(`"${'x'.repeat(QUOTE_LENGTH)}"`);
	});

	test('the cut never splits a character made of two UTF-16 units', () => {
		const quoted = quote(`${'x'.repeat(QUOTE_LENGTH - 1)}😀${'y'.repeat(10)}`);
		expect(quoted).toBe(`"${'x'.repeat(QUOTE_LENGTH - 1)}…" (51 characters)`);
	});

	test.each([
		[42, '42'],
		[2.5, '2.5'],
		[true, 'true'],
		[null, 'null'],
		[undefined, 'undefined'],
		[[1, 2, 3], 'a list of 3 entries'],
		[{ a: 'x'.repeat(1_000_000) }, 'an object'],
		[new Date('2026-05-02T09:30:00Z'), '"2026-05-02T09:30:00.000Z"'],
		[new Date('nope'), 'an invalid date'],
		[10n ** 100n, `"${'1'.padEnd(QUOTE_LENGTH, '0')}…" (101 characters)`],
	])('a value that is not text, %p, is named short: %s', (value, expected) => {
		expect(quote(value)).toBe(expected);
	});
});
