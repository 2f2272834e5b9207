import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import type { FaultRule } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const CANARY = 'hr_CANARY_d0_not_leak_7f3a9c';
const ORG = 'HR_org_canary';
const BASE = `/api/v2/organizations/${ORG}/message-drafts`;

beforeEach(() => {
	sandbox().hyperrep.addOrganization({ organizationId: ORG, apiKey: CANARY, channels: { email: true, text: false } });
});

const create = { operation: 'create', toEmail: 'a@example.com', subject: 'Hi' };

/** Every error path the node has, and one success, with the canary as the API key. */
const cases: Array<[string, INodeParameters, FaultRule | undefined]> = [
	['success', create, undefined],
	['404 unknown draft', { operation: 'get', draftId: 'HR_id_missing' }, undefined],
	['400 no channel', { operation: 'create', modality: 'text', toPhoneNumber: '+15138675309', textBody: 'Hi' }, undefined],
	['bad input', { ...create, toEmail: 'nope' }, undefined],
	['401 rejected key', create, { match: { method: 'POST' }, kind: 'status', status: 401 }],
	['error body echoing the key', create, { match: { method: 'POST' }, kind: 'body', status: 400, body: JSON.stringify({ detail: `Key ${CANARY} is not allowed`, hint: `X-API-KEY: ${CANARY}` }) }],
	['HTML page', { operation: 'getAll', returnAll: true, options: { maxRetries: 0 } }, { match: { method: 'GET', path: BASE }, kind: 'html', status: 502 }],
	['connection reset', create, { match: { method: 'POST' }, kind: 'resetAfterProcessing' }],
	['truncated body', { operation: 'getAll', returnAll: true, options: { maxRetries: 0 } }, { match: { method: 'GET' }, kind: 'truncated' }],
	['unexpected shape', { operation: 'get', draftId: 'HR_id_x' }, { match: { method: 'GET' }, kind: 'body', status: 200, body: '{"x":1}' }],
];

test.each(cases)('%s: the API key appears in no output, message, description or stack', async (_name, parameters, fault) => {
	if (fault) sandbox().faults.add(fault);
	for (const continueOnFail of [false, true]) {
		const { items, nodeError } = await runNode({
			type: 'hyperRep',
			parameters: { resource: 'messageDraft', ...parameters },
			credentials: hyperRepCredentials(sandbox(), { apiKey: CANARY, organizationId: ORG }),
			continueOnFail,
		});
		const seen = JSON.stringify({
			items,
			error: nodeError && { ...nodeError, message: nodeError.message, description: nodeError.description, stack: nodeError.stack },
		});
		expect(seen).not.toContain(CANARY);
		expect(seen).not.toContain('CANARY');
	}
	// The key did reach the API, so the test would see it if it leaked.
	if (parameters !== cases[3][1]) expect(sandbox().log.some((entry) => entry.headers['x-api-key'] === CANARY)).toBe(true);
});

test('every path parameter is encoded, so an ID cannot change the route', async () => {
	const { nodeError } = await runNode({
		type: 'hyperRep',
		parameters: { resource: 'messageDraft', operation: 'get', draftId: 'HR+id:1@x=y&z' },
		credentials: hyperRepCredentials(sandbox()),
	});
	expect(sandbox().log[0].path).toBe('/api/v2/organizations/HR_org_demo/message-drafts/HR%2Bid%3A1%40x%3Dy%26z');
	expect(nodeError?.message).toBe('Message draft "HR+id:1@x=y&z" was not found in this organization');
});

test('the organization ID from the credential is encoded too', async () => {
	await runNode({
		type: 'hyperRep',
		parameters: { resource: 'messageDraft', operation: 'get', draftId: 'HR_id_1' },
		credentials: hyperRepCredentials(sandbox(), { organizationId: 'HR+org:1' }),
	});
	expect(sandbox().log[0].path).toBe('/api/v2/organizations/HR%2Borg%3A1/message-drafts/HR_id_1');
});

test.each(['../../admin?x=1', '..', '.', 'a/b'])(
	'an organization ID of %j in the credential is refused before sending',
	async (organizationId) => {
		const { nodeError } = await runNode({
			type: 'hyperRep',
			parameters: { resource: 'messageDraft', operation: 'get', draftId: 'HR_id_1' },
			credentials: hyperRepCredentials(sandbox(), { organizationId }),
		});
		expect(nodeError?.message).toBe(`The HyperRep credential's Organization ID "${organizationId}" is not a valid ID`);
		expect(sandbox().log).toEqual([]);
	},
);

describe('Agentry', () => {
	const TOKEN = 'agt_CANARY_never_in_output_91c2';
	const INBOX = 'canary@agentry.test';
	const inboxId = byId(INBOX);
	let draftId = '';
	let attachmentId = '';

	beforeEach(() => {
		sandbox().agentry.addToken(TOKEN);
		sandbox().agentry.addInbox({ email: INBOX, display_name: 'Canary' });
		draftId = sandbox().agentry.addDraft(INBOX, { subject: 'Quote' }).draft_id;
		attachmentId = sandbox().agentry.addAttachment(draftId, { content: Buffer.from('file'), filename: 'f.txt' }).attachment_id;
	});

	const draft = () => (byId(draftId));
	const agentryCases: Array<[string, () => INodeParameters, FaultRule | undefined]> = [
		['create', () => ({ resource: 'draft', operation: 'create', to: 'a@example.com', subject: 'Hi' }), undefined],
		['download', () => ({ resource: 'attachment', operation: 'get', draftId: draft(), attachmentId, options: { download: true } }), undefined],
		['404', () => ({ resource: 'draft', operation: 'get', draftId: byId('dr_missing') }), undefined],
		['bad input', () => ({ resource: 'draft', operation: 'create', to: 'nope', subject: 'Hi' }), undefined],
		['401', () => ({ resource: 'draft', operation: 'get', draftId: draft() }), { match: { method: 'GET' }, kind: 'status', status: 401 }],
		['echoed token', () => ({ resource: 'draft', operation: 'get', draftId: draft() }), { match: { method: 'GET' }, kind: 'body', status: 400, body: JSON.stringify({ name: 'E', code: 'bad', message: `Bearer ${TOKEN} refused`, fix: `Use a token other than ${TOKEN}` }) }],
		['HTML page', () => ({ resource: 'draft', operation: 'getAll', returnAll: true, options: { maxRetries: 0 } }), { match: { method: 'GET' }, kind: 'html', status: 503 }],
		['reset on send', () => ({ resource: 'draft', operation: 'send', draftId: draft() }), { match: { method: 'POST' }, kind: 'resetAfterProcessing' }],
		['truncated', () => ({ resource: 'draft', operation: 'getAll', returnAll: true, options: { maxRetries: 0 } }), { match: { method: 'GET' }, kind: 'truncated' }],
	];

	test.each(agentryCases)('%s: the token appears in no output, message, description or stack', async (_name, parameters, fault) => {
		if (fault) sandbox().faults.add(fault);
		const { items, nodeError } = await runNode({
			type: 'agentry',
			parameters: { inboxId, ...parameters() },
			credentials: agentryCredentials(sandbox(), { accessToken: TOKEN }),
			continueOnFail: true,
		});
		const seen = JSON.stringify({ items, nodeError, message: nodeError?.message, stack: nodeError?.stack });
		expect(seen).not.toContain('CANARY');
		expect(items.length).toBeGreaterThan(0);
		if (_name !== 'bad input') {
			expect(sandbox().log.some((entry) => entry.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
		}
		for (const entry of sandbox().downloadLog) expect(JSON.stringify(entry.headers)).not.toContain(TOKEN);
	});
});

test('a redirect to another host is not followed, so the key never leaves the Base URL host', async () => {
	const elsewhere = `${sandbox().downloadUrl}/collect`;
	sandbox().faults.add({ match: { method: 'GET' }, kind: 'body', status: 302, body: '', headers: { Location: elsewhere } });
	const { nodeError } = await runNode({
		type: 'hyperRep',
		parameters: { resource: 'messageDraft', operation: 'get', draftId: 'HR_id_1' },
		credentials: hyperRepCredentials(sandbox()),
	});
	expect(nodeError?.message).toBe('HyperRep answered with a redirect (HTTP 302), which was not followed');
	expect(nodeError?.description).toContain(elsewhere);
	expect(sandbox().log).toHaveLength(1);
	expect(sandbox().downloadLog).toEqual([]);
});
