import { connect, type Socket } from 'node:net';

import { hrPath, hyperrep } from './testClient';
import { maxInFlight, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const create = () => hyperrep(sandbox(), 'POST', hrPath(), { body: { modality: 'email', to_email: 'lead@example.com', subject: 'Hi', body_html: '<p>Hi</p>' } });

/** A connection that stays open without sending anything, as a slow client's would. */
async function idleConnection(): Promise<Socket> {
	const { port } = new URL(sandbox().url);
	return await new Promise((resolve, reject) => {
		const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
		socket.once('error', reject);
	});
}

/** Waits until the sandbox counts `count` open connections (it learns of opens and closes asynchronously). */
async function openConnections(count: number) {
	for (let polls = 0; sandbox().capacity.stats().openConnections !== count && polls < 1000; polls++) {
		await new Promise((resolve) => setImmediate(resolve));
	}
	expect(sandbox().capacity.stats().openConnections).toBe(count);
}

describe('a queueing API', () => {
	test('every request is accepted and answered, but only `workers` are worked on at once; the others wait in line', async () => {
		sandbox().capacity.set({ workers: 2, serviceMs: 5 });
		const answers = await Promise.all(Array.from({ length: 8 }, create));
		expect(answers.map((answer) => answer.statusCode)).toEqual(Array(8).fill(201));
		expect(sandbox().hyperrep.createCount).toBe(8);
		const stats = sandbox().capacity.stats();
		expect(stats.workingMost).toBe(2);
		expect(stats.queuedMost).toBeGreaterThan(0);
		// Waiting in line counts as in flight, as the client sees it.
		expect(maxInFlight(sandbox().log)).toBeGreaterThan(2);
	});

	test('both settings are needed, as whole numbers', () => {
		expect(() => sandbox().capacity.set({ workers: 2 })).toThrow(/both workers and serviceMs/);
		expect(() => sandbox().capacity.set({ workers: 0, serviceMs: 5 })).toThrow(/workers must be a whole number above 0/);
		expect(() => sandbox().capacity.set({ maxConnections: 1.5 })).toThrow(/maxConnections/);
	});
});

describe('a connection cap', () => {
	test('a connection beyond the cap is reset before its request is read; the API never sees it', async () => {
		sandbox().capacity.set({ maxConnections: 2 });
		const held = [await idleConnection(), await idleConnection()];
		await openConnections(2);
		const refused = await create().catch((error: unknown) => error as { code?: string; cause?: { code?: string } });
		expect(JSON.stringify(refused)).toMatch(/ECONNRESET|EPIPE/);
		expect(sandbox().log).toEqual([]);
		expect(sandbox().hyperrep.createCount).toBe(0);
		expect(sandbox().capacity.stats().connectionsReset).toBe(1);

		for (const socket of held) socket.destroy();
		await openConnections(0);
		expect((await create()).statusCode).toBe(201);
	});

	test('reset() lifts the cap', async () => {
		sandbox().capacity.set({ maxConnections: 1 });
		const held = await idleConnection();
		await openConnections(1);
		sandbox().reset();
		expect((await create()).statusCode).toBe(201);
		held.destroy();
	});
});
