import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { testCredential } from '../harness/credentialTest';
import { runNode } from '../harness/engine';
import { listSearch, loadOptions } from '../harness/loadOptions';
import { ActiveTrigger, fetchTestEvent } from '../harness/poll';
import { type LoggedRequest, Sandbox } from '../sandbox/server';
import { agentryCredentials, byId, fromList, hyperRepCredentials, useSandbox } from '../support/sandbox';

/**
 * Every path by which the nodes send a credential, against a Base URL that answers 302 to another
 * host (the sandbox's foreign host, which logs what reaches it): the redirect is reported, never
 * followed, so the other host sees nothing.
 */

const sandbox = useSandbox();
const INBOX = 'redirects@agentry.test';
let draftId = '';
let attachmentId = '';

beforeEach(() => {
	sandbox().agentry.addInbox({ email: INBOX });
	draftId = sandbox().agentry.addDraft(INBOX, { subject: 'Quote', to: ['a@example.com'] }).draft_id;
	attachmentId = sandbox().agentry.addAttachment(draftId, { content: Buffer.from('file'), filename: 'f.txt' }).attachment_id;
	sandbox().hyperrep.seedDrafts(Sandbox.HYPERREP_ORG_ID, 2);
});

/** What the foreign host received that carries a credential, in any header. */
function credentialsReceived(log: LoggedRequest[]): LoggedRequest[] {
	const secrets = [Sandbox.HYPERREP_API_KEY, Sandbox.AGENTRY_TOKEN];
	return log.filter((entry) => {
		const headers = JSON.stringify(entry.headers);
		return 'authorization' in entry.headers || 'x-api-key' in entry.headers || secrets.some((secret) => headers.includes(secret));
	});
}

/** Every API request got the redirect, and none went on to the foreign host. */
function expectRedirectNotFollowed() {
	expect(sandbox().log.length).toBeGreaterThan(0);
	expect(sandbox().log.map((entry) => entry.status)).toEqual(sandbox().log.map(() => 302));
	expect(sandbox().foreignLog).toEqual([]);
}

const redirectEverything = () => sandbox().faults.add({ kind: 'redirect' });
const file: INodeExecutionData = { json: {}, binary: { data: { data: Buffer.from('pdf').toString('base64'), mimeType: 'application/pdf', fileName: 'q.pdf' } } };

describe('node operations', () => {
	const hyperRep: Array<[string, INodeParameters]> = [
		['create', { operation: 'create', toEmail: 'a@example.com', subject: 'Hi' }],
		['getAll', { operation: 'getAll', returnAll: true }],
		['get', { operation: 'get', draftId: 'HR_id_1' }],
		['delete', { operation: 'delete', draftId: 'HR_id_1' }],
	];
	test.each(hyperRep)('HyperRep %s: the redirect is an error, not followed', async (_name, parameters) => {
		redirectEverything();
		const { nodeError } = await runNode({
			type: 'hyperRep',
			parameters: { resource: 'messageDraft', ...parameters, options: { maxRetries: 0 } },
			credentials: hyperRepCredentials(sandbox()),
		});
		expect(nodeError?.message).toBe('HyperRep answered with a redirect (HTTP 302), which was not followed');
		expectRedirectNotFollowed();
	});

	// Three entries a row: with fewer, jest would pass its `done` callback as the input.
	const agentry: Array<[string, () => INodeParameters, INodeExecutionData[] | undefined]> = [
		['draft create', () => ({ resource: 'draft', operation: 'create', to: 'a@example.com', subject: 'Hi' }), undefined],
		['draft getAll', () => ({ resource: 'draft', operation: 'getAll', returnAll: true }), undefined],
		['draft get', () => ({ resource: 'draft', operation: 'get', draftId: byId(draftId) }), undefined],
		['draft update', () => ({ resource: 'draft', operation: 'update', draftId: byId(draftId), updateFields: { subject: 'New' } }), undefined],
		['draft delete', () => ({ resource: 'draft', operation: 'delete', draftId: byId(draftId) }), undefined],
		['draft send', () => ({ resource: 'draft', operation: 'send', draftId: byId(draftId) }), undefined],
		['attachment add', () => ({ resource: 'attachment', operation: 'add', draftId: byId(draftId) }), [file]],
		['attachment get', () => ({ resource: 'attachment', operation: 'get', draftId: byId(draftId), attachmentId, options: { download: true } }), undefined],
		['attachment delete', () => ({ resource: 'attachment', operation: 'delete', draftId: byId(draftId), attachmentId }), undefined],
	];
	test.each(agentry)('Agentry %s: the redirect is an error, not followed', async (_name, parameters, input) => {
		redirectEverything();
		const { nodeError } = await runNode({
			type: 'agentry',
			parameters: { inboxId: byId(INBOX), ...parameters() },
			credentials: agentryCredentials(sandbox()),
			...(input ? { input } : {}),
		});
		expect(nodeError?.message).toBe('Agentry answered with a redirect (HTTP 302), which was not followed');
		expectRedirectNotFollowed();
	});
});

describe('list searches and load options', () => {
	const calls: Array<[string, string, string, () => INodeParameters]> = [
		['hyperRep', 'searchFolders', 'hyperRepApi', () => ({})],
		['hyperRep', 'searchDrafts', 'hyperRepApi', () => ({})],
		['agentry', 'searchInboxes', 'agentryApi', () => ({})],
		['agentry', 'searchDrafts', 'agentryApi', () => ({ inboxId: fromList(INBOX) })],
		['agentry', 'searchAttachments', 'agentryApi', () => ({ inboxId: fromList(INBOX), draftId: fromList(draftId), resource: 'attachment', operation: 'get' })],
	];
	test.each(calls)('%s list search %s', async (type, method, credentialType, parameters) => {
		redirectEverything();
		const credentials = credentialType === 'hyperRepApi' ? hyperRepCredentials(sandbox()) : agentryCredentials(sandbox());
		await expect(listSearch({ type, method, credentials, parameters: parameters() })).rejects.toThrow(/redirect \(HTTP 302\)/);
		expectRedirectNotFollowed();
	});

	test('Agentry load options getLabels', async () => {
		redirectEverything();
		const call = { type: 'agentry', method: 'getLabels', credentials: agentryCredentials(sandbox()), parameters: { inboxId: fromList(INBOX) } };
		await expect(loadOptions(call)).rejects.toThrow(/redirect \(HTTP 302\)/);
		expectRedirectNotFollowed();
	});
});

describe('trigger polls', () => {
	const triggers = [
		{ type: 'hyperRepTrigger', parameters: { event: 'newMessageDraft' }, credentials: () => hyperRepCredentials(sandbox()) },
		{
			type: 'agentryTrigger',
			parameters: { inboxId: fromList(INBOX), events: ['draftCreatedOrUpdated'] },
			credentials: () => agentryCredentials(sandbox()),
		},
	];
	test.each(triggers)('$type: activation poll, later poll and Fetch Test Event', async ({ type, parameters, credentials }) => {
		const spec = { type, parameters, credentials: credentials() };
		const { trigger } = await ActiveTrigger.activate(spec);
		sandbox().clearLog();
		redirectEverything();
		expect((await trigger.poll()).error?.message).toMatch(/redirect \(HTTP 302\), which was not followed/);
		expect((await fetchTestEvent(spec)).error?.message).toMatch(/redirect \(HTTP 302\), which was not followed/);
		await expect(ActiveTrigger.activate(spec)).rejects.toThrow(/redirect \(HTTP 302\)/);
		expectRedirectNotFollowed();
	});
});

test('attachment download: a download host that redirects gets followed without any credential', async () => {
	sandbox().faults.add({ kind: 'redirect', match: { path: '/downloads/' } });
	await runNode({
		type: 'agentry',
		parameters: { inboxId: byId(INBOX), resource: 'attachment', operation: 'get', draftId: byId(draftId), attachmentId, options: { download: true } },
		credentials: agentryCredentials(sandbox()),
	});
	expect(sandbox().downloadLog.map((entry) => entry.status)).toEqual([302]);
	// The signed URL authorizes the download, so following it is harmless: nothing secret goes along.
	expect(sandbox().foreignLog.length).toBe(1);
	expect(credentialsReceived(sandbox().foreignLog)).toEqual([]);
	expect(credentialsReceived(sandbox().downloadLog)).toEqual([]);
});

describe('credential tests ("Test" button)', () => {
	test.each([
		['hyperRepApi', () => hyperRepCredentials(sandbox()).hyperRepApi, /^The Base URL redirects elsewhere \(HTTP 302\), and the API key is only sent/],
		['agentryApi', () => agentryCredentials(sandbox()).agentryApi, /^The Base URL redirects elsewhere \(HTTP 302\), and the access token is only sent/],
	])('%s: a 302 is reported, not followed', async (type, data, message) => {
		redirectEverything();
		expect(await testCredential(type, data())).toEqual({ status: 'Error', message: expect.stringMatching(message) });
		expectRedirectNotFollowed();
	});
});
