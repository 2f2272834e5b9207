import { describeErrorBody, scrub } from '../../nodes/shared/errors';

describe('describeErrorBody', () => {
	test.each([
		['a string message', { message: 'Quota exceeded' }, { message: 'Quota exceeded' }],
		['FastAPI detail string', { detail: 'Invalid API key' }, { message: 'Invalid API key' }],
		[
			'detail object with hint and route',
			{ detail: { message: 'Draft was promoted', hint: 'Use the conversation route', route: '/c/1' } },
			{ message: 'Draft was promoted', hint: 'Use the conversation route Route: /c/1' },
		],
		['error string', { error: 'Bad request' }, { message: 'Bad request' }],
		['error object', { error: { message: 'Nope', code: 'E1' } }, { message: 'Nope', code: 'E1' }],
		['errors array of strings', { errors: ['a is wrong', 'b is wrong'] }, { message: 'a is wrong; b is wrong' }],
		[
			'FastAPI validation list',
			{ detail: [{ loc: ['body', 'to_email'], msg: 'value is not a valid email' }] },
			{ message: 'to_email: value is not a valid email' },
		],
		[
			'Agentry shape',
			{ name: 'ValidationError', code: 'invalid_address', message: 'Bad to', fix: 'Use user@domain' },
			{ message: 'Bad to', code: 'invalid_address', hint: 'Use user@domain' },
		],
		['HTML page', '<html><body><h1>502 Bad Gateway</h1></body></html>', { message: '502 Bad Gateway' }],
		['nested objects only', { detail: { nested: { deeper: {} } } }, {}],
		['null', null, {}],
	])('%s', (_name, body, expected) => {
		const details = describeErrorBody(body);
		expect(details).toMatchObject(expected);
		for (const value of Object.values(details)) {
			if (value !== undefined) expect(value).not.toContain('[object Object]');
		}
	});
});

describe('scrub', () => {
	test('replaces every occurrence of each secret', () => {
		expect(scrub('key sk_live_123456 and sk_live_123456 again', ['sk_live_123456'])).toBe(
			'key *** and *** again',
		);
	});

	test('leaves very short values alone so ordinary words survive', () => {
		expect(scrub('a draft', ['a'])).toBe('a draft');
	});
});
