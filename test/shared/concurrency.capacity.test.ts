import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { retryBackoff } from '../../nodes/shared/retry';
import { neverSent } from '../../nodes/shared/transport';
import { runNode } from '../harness/engine';
import type { LoggedRequest } from '../sandbox/server';
import { agentryCredentials, byId, maxInFlight, useSandbox } from '../support/sandbox';

/** How the window of a node run adapts to an API at its capacity: one that queues, one behind a connection cap. */
const sandbox = useSandbox();
const INBOX = 'capacity@agentry.test';
const leads = (count: number): INodeExecutionData[] => Array.from({ length: count }, (_, n) => ({ json: { n } }));

// Retries wait a fixed time that grows, as the backoff does, not a random one (nor none: a retry
// sent at once behind a full connection cap is reset again).
const noWait = retryBackoff.waitMs;
beforeAll(() => {
	retryBackoff.waitMs = (attempt) => Math.min(200, 20 * 2 ** attempt);
});
afterAll(() => {
	retryBackoff.waitMs = noWait;
});

async function agentryCreates(count: number) {
	sandbox().agentry.addInbox({ email: INBOX, display_name: 'Capacity' });
	const parameters: INodeParameters = { resource: 'draft', operation: 'create', inboxId: byId(INBOX), to: 'jane@example.com', subject: '={{ "Item " + $json.n }}' };
	return await runNode({ type: 'agentry', parameters, credentials: agentryCredentials(sandbox()), input: leads(count), onError: 'continueRegularOutput' });
}

/** The requests that arrived after the first `skip`, in order of arrival. */
const after = (skip: number, log: LoggedRequest[]) => [...log].sort((a, b) => a.receivedAt - b.receivedAt).slice(skip);

describe('an API that queues instead of refusing', () => {
	test('the window narrows: once the first round trips show the queue, requests in flight stay near the workers', async () => {
		sandbox().capacity.set({ workers: 2, serviceMs: 10 });
		const { items } = await agentryCreates(200);
		expect(items.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(sandbox().agentry.createCount).toBe(200);
		// The answers, slower the longer the line, narrow it: the last 100 requests found fewer in line
		// than the window of 0.1.0 started with (64), which widened with every answer and so had every
		// remaining item in flight. How few depends on the machine: on a busy one n8n's own delays
		// add to the latency the window re-measures.
		expect(maxInFlight(after(100, sandbox().log))).toBeLessThan(64);
	});
});

describe('an API behind a connection cap that resets further connections before reading them', () => {
	test('Agentry creates (retried: the Client ID makes a repeat return the first draft): no item fails, each draft once', async () => {
		sandbox().latencyMs = 10;
		sandbox().capacity.set({ maxConnections: 4 });
		const { items } = await agentryCreates(60);
		expect(sandbox().capacity.stats().connectionsReset).toBeGreaterThan(0);
		expect(items.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(items).toHaveLength(60);
		expect(sandbox().agentry.createCount).toBe(60);
		items.forEach((item, index) => expect(item.json.subject).toBe(`Item ${index}`));
	});
});

describe('a reset counts as never sent only when the transport can prove it', () => {
	/** What n8n throws: its error, axios's as the cause, the request and its socket on that. */
	const failure = (socket: { bytesWritten: number } | null, reusedSocket = false) => ({
		message: 'read ECONNRESET',
		cause: { code: 'ECONNRESET', request: { reusedSocket, socket } },
	});

	test('a fresh connection reset before a byte of the request was written', () => {
		expect(neverSent(failure({ bytesWritten: 0 }))).toBe(true);
	});

	test('not once a byte was written, on a reused connection, or without the socket to tell', () => {
		expect(neverSent(failure({ bytesWritten: 1 }))).toBe(false);
		expect(neverSent(failure({ bytesWritten: 0 }, true))).toBe(false);
		expect(neverSent(failure(null))).toBe(false);
		expect(neverSent({ code: 'ECONNRESET' })).toBe(false);
	});
});
