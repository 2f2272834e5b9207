import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The modules a hostile-input case may call, loaded from the sources in the worker. */
export interface Modules {
	validation: typeof import('../../nodes/shared/validation');
	quote: typeof import('../../nodes/shared/quote');
	output: typeof import('../../nodes/shared/output');
	errors: typeof import('../../nodes/shared/errors');
	baseUrl: typeof import('../../nodes/shared/baseUrl');
	filters: typeof import('../../nodes/HyperRepTrigger/filters');
	/** A fresh check of item 0 of a test node, in UTC. */
	check: () => import('../../nodes/shared/validation').InputCheck;
}

/** What a case returned, in brief, or the error it threw. */
export type Outcome =
	| { value: unknown; length?: number }
	| { error: { name: string; message: string; description?: string | null } };

/** A case: a function of the modules and the value, with no other free variables (it is sent as source). */
export type Case<T> = (modules: Modules, value: T) => unknown;

const ROOT = join(__dirname, '..', '..');

// Runs in the worker: loads the modules through ts-node, then answers one case per message.
const WORKER = `
const { parentPort } = require('node:worker_threads');
const { join } = require('node:path');
const root = ${JSON.stringify(ROOT)};
const modules = {
	validation: require(join(root, 'nodes/shared/validation')),
	quote: require(join(root, 'nodes/shared/quote')),
	output: require(join(root, 'nodes/shared/output')),
	errors: require(join(root, 'nodes/shared/errors')),
	baseUrl: require(join(root, 'nodes/shared/baseUrl')),
	filters: require(join(root, 'nodes/HyperRepTrigger/filters')),
};
const node = { id: '1', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
modules.check = () => new modules.validation.InputCheck(node, 0, 'UTC');
const brief = (value) =>
	typeof value === 'string' ? { value: value.slice(0, 200), length: value.length }
	: Array.isArray(value) ? { value: value.slice(0, 5).map((entry) => typeof entry === 'string' ? entry.slice(0, 200) : entry), length: value.length }
	: { value };
parentPort.on('message', ({ id, source, value }) => {
	try {
		parentPort.postMessage({ id, outcome: brief((0, eval)('(' + source + ')')(modules, value)) });
	} catch (error) {
		parentPort.postMessage({ id, outcome: { error: { name: error.name, message: error.message, description: error.description } } });
	}
});
parentPort.postMessage({ ready: true });
`;

/**
 * Runs hostile-input cases in a worker thread, so that a check which is not linear in its input
 * blocks the worker, not Jest: the test then fails on Jest's timeout instead of freezing the run.
 * No case measures time; the timeout is the only guard.
 */
export function useHostileWorker(): <T>(run: Case<T>, value: T) => Promise<Outcome> {
	let worker: Worker | undefined;
	let ready: Promise<void> | undefined;
	let next = 0;
	const waiting = new Map<number, (outcome: Outcome) => void>();
	beforeAll(() => {
		worker = new Worker(WORKER, {
			eval: true,
			execArgv: ['--require', 'ts-node/register/transpile-only'],
			env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
		});
		ready = new Promise((resolve, reject) => {
			worker?.once('error', reject);
			worker?.on('message', (message: { ready?: boolean; id?: number; outcome?: Outcome }) => {
				if (message.ready) return resolve();
				waiting.get(message.id as number)?.(message.outcome as Outcome);
				waiting.delete(message.id as number);
			});
		});
	});
	afterAll(async () => {
		await worker?.terminate();
	});
	return async (run, value) => {
		await ready;
		const id = next++;
		return await new Promise<Outcome>((resolve) => {
			waiting.set(id, resolve);
			worker?.postMessage({ id, source: run.toString(), value });
		});
	};
}
