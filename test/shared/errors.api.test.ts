import type { INodeParameters } from 'n8n-workflow';

import { MAX_DESCRIPTION_LENGTH, MAX_MESSAGE_LENGTH } from '../../nodes/shared/errors';
import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import type { FaultRule } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, useSandbox } from '../support/sandbox';

/** What an API's error says reaches the user readable, short, naming the node's own fields. */
const sandbox = useSandbox();
const INBOX = 'errors@agentry.test';
const HYPERREP_LIST = `/api/v2/organizations/${Sandbox.HYPERREP_ORG_ID}/message-drafts`;

async function agentryCreate(fault: FaultRule) {
	sandbox().agentry.addInbox({ email: INBOX, display_name: 'Errors' });
	sandbox().faults.add(fault);
	return await runNode({
		type: 'agentry',
		parameters: { resource: 'draft', operation: 'create', inboxId: byId(INBOX), to: 'jane@example.com', subject: 'Hi' },
		credentials: agentryCredentials(sandbox()),
	});
}

async function hyperRep(parameters: INodeParameters, fault: FaultRule) {
	sandbox().faults.add(fault);
	return await runNode({
		type: 'hyperRep',
		parameters: { ...parameters, options: { maxRetries: 0 } },
		credentials: hyperRepCredentials(sandbox()),
	});
}

const json = (status: number, body: unknown): FaultRule => ({ kind: 'body', status, body: JSON.stringify(body) });

describe('field errors name the node field', () => {
	test('Agentry errors[] entries, each with its field', async () => {
		const { nodeError } = await agentryCreate(
			json(400, {
				name: 'ValidationError',
				code: 'invalid_request',
				message: 'Request validation failed',
				fix: 'Correct the fields listed in errors',
				errors: [
					{ path: 'to[0]', message: 'Invalid address' },
					{ path: 'attachments[1].url', message: 'Must be an http(s) URL' },
					{ path: 'send_at', message: 'Expected a date-time with an offset' },
				],
			}),
		);
		expect(nodeError?.message).toBe(
			'Request validation failed: To, first address: Invalid address; Attachments, second attachment, URL: Must be an http(s) URL; Send At: Expected a date-time with an offset (HTTP 400)',
		);
		expect(nodeError?.description).toBe('Correct the fields listed in errors');
	});

	test("HyperRep's 422 detail list, each with its field", async () => {
		const { nodeError } = await hyperRep(
			{ resource: 'messageDraft', operation: 'create', toEmail: 'lead@example.com', subject: 'Hi', cc: 'a@example.com' },
			json(422, {
				detail: [
					{ type: 'value_error', loc: ['body', 'cc_emails', 0], msg: 'value is not a valid email address', input: 'x' },
					{ type: 'missing', loc: ['body', 'modality'], msg: 'Field required', input: null },
				],
			}),
		);
		expect(nodeError?.message).toBe(
			'CC, first address: value is not a valid email address; Modality: Field required (HTTP 422)',
		);
	});
});

describe('non-JSON and oversized error bodies', () => {
	const nginx502 =
		'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

	test('an HTML error page becomes one readable line', async () => {
		const { nodeError } = await hyperRep(
			{ resource: 'messageDraft', operation: 'getAll', returnAll: true },
			{ kind: 'body', status: 502, body: nginx502, headers: { 'Content-Type': 'text/html' } },
		);
		expect(nodeError?.message).toBe('502 Bad Gateway (HTTP 502)');
	});

	test('a 2 MB error body is cut to a readable length, and a key across the cut stays hidden', async () => {
		const key = Sandbox.HYPERREP_API_KEY;
		// The key starts just before where the message is cut, so a cut-then-scrub would show its start.
		const filler = 'x'.repeat(MAX_MESSAGE_LENGTH - 12);
		const body = JSON.stringify({ detail: `${filler}${key} ${'y'.repeat(2_000_000)}` });
		const { nodeError } = await hyperRep(
			{ resource: 'messageDraft', operation: 'getAll', returnAll: true },
			{ kind: 'body', status: 500, body },
		);
		expect(nodeError?.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
		expect((nodeError?.description ?? '').length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
		const shown = JSON.stringify({ message: nodeError?.message, description: nodeError?.description });
		expect(shown).not.toContain(key.slice(0, 6));
		expect(shown).toContain('***');
	});

	test('an HTML error page that echoes the key shows no part of it', async () => {
		const key = Sandbox.HYPERREP_API_KEY;
		const page = `<html><head><title>Error for key ${key}</title></head><body>${'z'.repeat(100_000)}</body></html>`;
		const { nodeError } = await hyperRep(
			{ resource: 'messageDraft', operation: 'getAll', returnAll: true },
			{ match: { path: HYPERREP_LIST }, kind: 'body', status: 500, body: page, headers: { 'Content-Type': 'text/html' } },
		);
		expect(nodeError?.message).toBe('Error for key *** (HTTP 500)');
	});
});
