import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { parseTimestamp } from '../../nodes/shared/polling';

describe('parseTimestamp', () => {
	test.each([
		['2026-05-21T14:30:00Z', Date.UTC(2026, 4, 21, 14, 30)],
		['2026-05-02T21:17:42.130649Z', Date.UTC(2026, 4, 2, 21, 17, 42, 130)],
		['2026-05-21T16:30:00+02:00', Date.UTC(2026, 4, 21, 14, 30)],
		['2026-05-21T14:30:00', Date.UTC(2026, 4, 21, 14, 30)],
		['2026-05-21T14:30:00.5', Date.UTC(2026, 4, 21, 14, 30, 0, 500)],
	])('%s', (value, expected) => {
		expect(parseTimestamp(value)).toBe(expected);
	});

	test.each([undefined, null, 42, '', 'yesterday', '2026-05-21', '2026-13-45T99:00:00Z'])('refuses %p', (value) => {
		expect(parseTimestamp(value)).toBeUndefined();
	});

	test('a naive time (as Python APIs write UTC) is UTC in a server far from it, as n8n loads the built node', () => {
		const built = join(__dirname, '..', '..', 'dist', 'nodes', 'shared', 'polling.js');
		if (!existsSync(built)) throw new Error('Build the package first: npm run build');
		const script = `console.log(require(${JSON.stringify(built)}).parseTimestamp('2026-05-21T14:30:00'))`;
		const output = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: 'Asia/Kolkata' }, encoding: 'utf8' });
		expect(Number(output)).toBe(Date.UTC(2026, 4, 21, 14, 30));
	});
});
