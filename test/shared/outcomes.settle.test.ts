import { MIN_SETTLE_MS, SETTLE_FACTOR, settleMs } from '../../nodes/shared/outcomes';

/** How long a create whose outcome is unknown waits, after a first look found nothing, before looking again. */
const TIMEOUT = 30_000;
const reset = { networkCode: 'ECONNRESET' };

describe('the wait before the second look', () => {
	test('after a reset: SETTLE_FACTOR times the slowest answer of the run, at least MIN_SETTLE_MS, at most the Timeout', () => {
		expect(settleMs(reset, 10, TIMEOUT)).toBe(MIN_SETTLE_MS);
		expect(settleMs(reset, 1_000, TIMEOUT)).toBe(SETTLE_FACTOR * 1_000);
		expect(settleMs(reset, 20_000, TIMEOUT)).toBe(TIMEOUT);
		expect(settleMs(reset, 10, 1_000)).toBe(1_000);
		expect(settleMs({ networkCode: 'EPIPE' }, 1_000, TIMEOUT)).toBe(SETTLE_FACTOR * 1_000);
	});

	test('after a reset before any answer showed how fast the API is: the Timeout', () => {
		expect(settleMs(reset, undefined, TIMEOUT)).toBe(TIMEOUT);
	});

	test('after a timeout or a gateway 502/504, when the API may still hold the request: the Timeout, however fast it answered', () => {
		for (const failure of [{ networkCode: 'ETIMEDOUT' }, { networkCode: 'ECONNABORTED' }, { status: 502 }, { status: 504 }]) {
			expect(settleMs(failure, 10, TIMEOUT)).toBe(TIMEOUT);
		}
	});
});
