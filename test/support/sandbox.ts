import { type LoggedRequest, Sandbox, type SandboxOptions } from '../sandbox/server';

/**
 * One sandbox for a test file: started before its tests, reset before each, stopped after.
 * Returns an accessor, since the sandbox exists only once `beforeAll` has run.
 */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await Sandbox.start(options);
	});
	beforeEach(() => sandbox?.reset());
	afterAll(async () => await sandbox?.stop());
	return () => {
		if (!sandbox) throw new Error('The sandbox has not started');
		return sandbox;
	};
}

export function hyperRepCredentials(sandbox: Sandbox, overrides: Record<string, string> = {}) {
	return {
		hyperRepApi: {
			apiKey: Sandbox.HYPERREP_API_KEY,
			organizationId: Sandbox.HYPERREP_ORG_ID,
			baseUrl: sandbox.url,
			...overrides,
		},
	};
}

export function agentryCredentials(sandbox: Sandbox, overrides: Record<string, string> = {}) {
	return {
		agentryApi: { accessToken: Sandbox.AGENTRY_TOKEN, baseUrl: sandbox.url, ...overrides },
	};
}

/** The API requests the sandbox received, as `METHOD path` lines. */
export function requestLines(sandbox: Sandbox): string[] {
	return sandbox.log.map((entry) => `${entry.method} ${entry.path}`);
}

/** A resource locator value "By ID" or "From List", as the editor stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

/** The most requests the sandbox was working on at once, from its log's arrival and answer times. */
export function maxInFlight(log: LoggedRequest[]): number {
	const events = log.flatMap((entry) => [
		{ at: entry.receivedAt, change: 1 },
		{ at: entry.answeredAt ?? Number.POSITIVE_INFINITY, change: -1 },
	]);
	// At the same instant an answer leaves before the next request counts.
	events.sort((a, b) => a.at - b.at || a.change - b.change);
	let current = 0;
	let most = 0;
	for (const { change } of events) {
		current += change;
		most = Math.max(most, current);
	}
	return most;
}

/**
 * The requests the sandbox was working on at an average moment, from the first arrival to the
 * last answer: the sum of the requests' durations over that span.
 */
export function meanInFlight(log: LoggedRequest[]): number {
	const answered = log.filter((entry) => entry.answeredAt !== undefined);
	if (answered.length === 0) return 0;
	const start = Math.min(...answered.map((entry) => entry.receivedAt));
	const end = Math.max(...answered.map((entry) => entry.answeredAt as number));
	const busy = answered.reduce((total, entry) => total + (entry.answeredAt as number) - entry.receivedAt, 0);
	return end > start ? busy / (end - start) : answered.length;
}
