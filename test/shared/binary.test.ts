import { randomBytes } from 'node:crypto';

import { jsonWithBase64 } from '../../nodes/shared/binary';

test('Buffer values become base64 strings in otherwise ordinary JSON', () => {
	const bytes = randomBytes(1_000_003);
	const document = {
		filename: 'a "quoted" name.pdf',
		content: bytes,
		skipped: undefined,
		list: [1, null, 'x', { nested: Buffer.from('hi') }],
	};
	const parsed = JSON.parse(jsonWithBase64(document).toString('utf8'));
	expect(parsed).toEqual({
		filename: 'a "quoted" name.pdf',
		content: bytes.toString('base64'),
		list: [1, null, 'x', { nested: Buffer.from('hi').toString('base64') }],
	});
});

test('sizes that are and are not multiples of three encode exactly', () => {
	for (const size of [0, 1, 2, 3, 196_607, 196_608, 196_609]) {
		const bytes = randomBytes(size);
		expect(JSON.parse(jsonWithBase64({ c: bytes }).toString()).c).toBe(bytes.toString('base64'));
	}
});
