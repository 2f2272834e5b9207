const realNow = Date.now.bind(Date);
let shift = 0;

/**
 * Time passing for code that reads `Date.now()` (a poll's own time, a lease's expiry, the sandbox's
 * clock): from the call on, `Date.now()` runs `ms` further ahead of real time. Timers keep real
 * time, so requests and their timeouts behave as before. Undone by `jest.restoreAllMocks()`.
 */
export function passTime(ms: number): void {
	shift = jest.isMockFunction(Date.now) ? shift + ms : ms;
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
}
