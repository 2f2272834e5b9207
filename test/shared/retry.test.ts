import { backoffMs, classifyNetworkCode, classifyStatus, MAX_WAIT_MS, retryAfterMs } from '../../nodes/shared/retry';

test('429 and 503 are refusals, other 5xx are ambiguous, 4xx final', () => {
	expect([429, 503].map(classifyStatus)).toEqual(['refused', 'refused']);
	expect([500, 502, 504].map(classifyStatus)).toEqual(['ambiguous', 'ambiguous', 'ambiguous']);
	expect([400, 401, 404, 409, 422].map(classifyStatus)).toEqual(Array(5).fill('final'));
});

test('a refused connection never reached the server; a reset or timeout might have', () => {
	expect(classifyNetworkCode('ECONNREFUSED')).toBe('refused');
	expect(classifyNetworkCode('ECONNRESET')).toBe('ambiguous');
	expect(classifyNetworkCode('ECONNABORTED')).toBe('ambiguous');
	expect(classifyNetworkCode('ENOTFOUND')).toBe('final');
	expect(classifyNetworkCode(undefined)).toBe('final');
});

test('Retry-After in seconds or as an HTTP date, capped at 60 s', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');
	expect(retryAfterMs('2', now)).toBe(2000);
	expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
	expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
	expect(retryAfterMs('3600', now)).toBe(MAX_WAIT_MS);
	expect(retryAfterMs('soon', now)).toBeUndefined();
	expect(retryAfterMs(undefined, now)).toBeUndefined();
});

test('backoff grows exponentially with full jitter and is capped', () => {
	expect(backoffMs(0, () => 0.999)).toBeLessThan(250);
	expect(backoffMs(3, () => 0.999)).toBeGreaterThan(1900);
	expect(backoffMs(3, () => 0.999)).toBeLessThan(2000);
	expect(backoffMs(20, () => 0.999)).toBeLessThanOrEqual(MAX_WAIT_MS);
	expect(backoffMs(5, () => 0)).toBe(0);
});
