import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import type { FaultRule } from '../sandbox/server';
import { hyperRepCredentials, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const BASE = `/api/v2/organizations/${Sandbox.HYPERREP_ORG_ID}/message-drafts`;
const onList = { method: 'GET', path: BASE };

async function listWith(fault: FaultRule) {
	sandbox().faults.add(fault);
	return await runNode({
		type: 'hyperRep',
		parameters: { resource: 'messageDraft', operation: 'getAll', returnAll: true, options: { maxRetries: 0 } },
		credentials: hyperRepCredentials(sandbox()),
	});
}

test.each<[string, FaultRule, RegExp, string]>([
	['an HTML error page', { match: onList, kind: 'html', status: 502 }, /502/, '502'],
	['an empty error body', { match: onList, kind: 'empty', status: 500 }, /^HyperRep answered HTTP 500$/, '500'],
	['a truncated 200', { match: onList, kind: 'truncated', status: 200 }, /^The response from HyperRep was cut off or malformed \(ERR_BAD_RESPONSE\)$/, ''],
	['a 200 that is not JSON', { match: onList, kind: 'body', status: 200, body: 'OK, sure' }, /^HyperRep answered HTTP 200 with a response that is not valid JSON$/, '200'],
	[
		'a 200 in an unexpected shape',
		{ match: onList, kind: 'body', status: 200, body: '{"items": [1, 2]}' },
		/^HyperRep answered HTTP 200 with an unexpected response: expected a list of message drafts with pagination$/,
		'200',
	],
	[
		'an error body with nested objects only',
		{ match: onList, kind: 'body', status: 418, body: '{"detail": {"nested": {"deeper": {}}}}' },
		/^HyperRep answered HTTP 418$/,
		'418',
	],
])('%s gives a clear NodeApiError', async (_name, fault, message, httpCode) => {
	const { nodeError } = await listWith(fault);
	expect(nodeError?.name).toBe('NodeApiError');
	expect(nodeError?.message).toMatch(message);
	if (httpCode) expect((nodeError as { httpCode?: string }).httpCode).toBe(httpCode);
	const text = JSON.stringify({ message: nodeError?.message, description: nodeError?.description });
	expect(text).not.toContain('[object Object]');
	expect(text).not.toMatch(/\n\s+at /);
});
