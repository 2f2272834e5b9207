import { runNode } from '../../harness/engine';
import { hyperRepCredentials, useSandbox } from '../../support/sandbox';

/** Whole-number settings are refused unless whole and in range, never rounded or replaced by a default. */
const sandbox = useSandbox();
const VALUE = '={{ $json.value }}';

async function list(parameters: Record<string, unknown>, value: string | number) {
	return await runNode({
		type: 'hyperRep',
		parameters: { resource: 'messageDraft', operation: 'getAll', returnAll: false, limit: 5, ...parameters },
		credentials: hyperRepCredentials(sandbox()),
		input: [{ json: { value } }],
	});
}

test.each([
	['Max Concurrency', { options: { concurrency: VALUE } }, '2.5', 'from 1 to 200, not "2.5"'],
	['Max Concurrency', { options: { concurrency: VALUE } }, 'abc', 'from 1 to 200, not "abc"'],
	['Max Concurrency', { options: { concurrency: VALUE } }, 0, 'from 1 to 200, not 0'],
	['Max Concurrency', { options: { concurrency: VALUE } }, 201, 'from 1 to 200, not 201'],
	['Max Concurrency', { options: { concurrency: VALUE } }, '0x10', 'from 1 to 200, not "0x10"'],
	['Max Retries', { options: { maxRetries: VALUE } }, 21, 'from 0 to 20, not 21'],
	['Max Retries', { options: { maxRetries: VALUE } }, -1, 'from 0 to 20, not -1'],
	['Timeout', { options: { timeout: VALUE } }, 2 ** 31, 'from 1 to 2147483647, not 2147483648'],
	['Limit', { limit: VALUE }, 1e21, 'of at least 1, not 1e+21'],
	['Limit', { limit: VALUE }, '1e3', 'of at least 1, not "1e3"'],
	['Limit', { limit: VALUE }, '9'.repeat(1_000_000), `of at least 1, not "${'9'.repeat(40)}…" (1000000 characters)`],
])('%s of %p is refused before any request', async (field, parameters, value, range) => {
	const { nodeError } = await list(parameters, value);
	expect(nodeError?.message).toBe(`${field} must be a whole number ${range}`);
	expect(sandbox().log).toEqual([]);
});

test.each([
	['Max Concurrency', { options: { concurrency: VALUE } }, '7'],
	['Max Concurrency', { options: { concurrency: VALUE } }, 200],
	['Max Retries', { options: { maxRetries: VALUE } }, 0],
	['Limit', { limit: VALUE }, ' 5 '],
])('%s of %p is taken', async (_field, parameters, value) => {
	const { nodeError } = await list(parameters, value);
	expect(nodeError).toBeUndefined();
	expect(sandbox().log).toHaveLength(1);
});
