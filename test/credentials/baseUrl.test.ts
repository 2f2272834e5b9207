import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import { testCredential } from '../harness/credentialTest';
import { nodeTypes, runNode, runWorkflow } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const GATEWAY_PASSWORD = 'gw_s3cret_pass';

const refusals: Array<[string, (url: string) => string, RegExp]> = [
	['a query', (url) => `${url}/?utm_source=docs`, /Base URL has a query \("\?…"\), which would hide the API's routes/],
	['a query after the API path', (url) => `${url}/api/v2?x=1`, /Base URL has a query/],
	['a fragment', (url) => `${url}/#getting-started`, /Base URL has a fragment \("#…"\)/],
	['userinfo', (url) => url.replace('http://', `http://gateway:${GATEWAY_PASSWORD}@`), /Base URL contains a user name or password before the host \("user:password@"\), which is not supported/],
	['a user name alone', (url) => url.replace('http://', 'http://gateway@'), /contains a user name or password/],
];

describe.each([
	['HyperRep', 'hyperRepApi', hyperRepCredentials] as const,
	['Agentry', 'agentryApi', agentryCredentials] as const,
])('%s', (name, type, credentials) => {
	const credentialData = (baseUrl: string) =>
		(credentials(sandbox(), { baseUrl }) as Record<string, ICredentialDataDecryptedObject>)[type];
	test.each(refusals)('a Base URL with %s fails the Test with a clear message, and nothing is sent', async (_case, baseUrl, message) => {
		const data = credentialData(baseUrl(sandbox().url));
		const result = await testCredential(type, data);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(result.message).toMatch(new RegExp(`^The ${name} credential's Base URL`));
		expect(result.message).not.toContain(GATEWAY_PASSWORD);
		expect(sandbox().log).toEqual([]);
		expect(sandbox().foreignLog).toEqual([]);
	});

	test.each(refusals)('a Base URL with %s fails the node before any request', async (_case, baseUrl, message) => {
		const parameters =
			name === 'HyperRep'
				? { resource: 'messageDraft', operation: 'get', draftId: 'HR_id_1' }
				: { resource: 'draft', operation: 'getAll', inboxId: byId('a@agentry.test'), returnAll: true };
		const { nodeError } = await runNode({
			type: name === 'HyperRep' ? 'hyperRep' : 'agentry',
			parameters,
			credentials: credentials(sandbox(), { baseUrl: baseUrl(sandbox().url) }),
		});
		expect(nodeError?.message).toMatch(message);
		expect(`${nodeError?.message} ${nodeError?.description}`).not.toContain(GATEWAY_PASSWORD);
		expect(sandbox().log).toEqual([]);
	});

	test('userinfo: the message says Basic auth gateways are not supported and what to do instead', async () => {
		const data = credentialData(sandbox().url.replace('http://', 'http://u:p@'));
		const { message } = await testCredential(type, data);
		expect(message).toContain('A gateway that requires Basic auth in front of the API is not supported');
		expect(message).toContain('IP allow-list');
	});

	test('a path prefix is kept, and the API path after it is trimmed, as before', async () => {
		// The sandbox serves the APIs at its root, so a kept prefix is seen as a 404 at that prefix.
		const data = credentialData(`${sandbox().url}/gateway/${name === 'HyperRep' ? 'api/v2/' : 'human/v0'}`);
		expect((await testCredential(type, data)).status).toBe('Error');
		expect(sandbox().log[0].path).toMatch(/^\/gateway\/(api\/v2|human\/v0)\//);
	});
});

describe('the credential is only sent to its Base URL, whoever asks', () => {
	// As the HTTP Request node does with "Predefined Credential Type": any URL, our credential.
	const requester: INodeType = {
		description: {
			displayName: 'Requester',
			name: 'requester',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Requester' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [
				{ name: 'hyperRepApi', required: false },
				{ name: 'agentryApi', required: false },
			],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const { type, url } = this.getInputData()[0].json as { type: string; url: string };
			const body = await this.helpers.httpRequestWithAuthentication.call(this, type, { url, json: true });
			return [[{ json: { body } }]];
		},
	};
	const fullName = nodeTypes.add(requester, 'test.requester');

	async function request(type: string, url: string) {
		const node = {
			id: 'r',
			name: 'Requester',
			type: fullName,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
			credentials: { [type]: { id: `${type}-id`, name: type } },
		};
		const credentials = { ...hyperRepCredentials(sandbox()), ...agentryCredentials(sandbox()) };
		const run = await runWorkflow({ nodes: [node], credentials, input: [{ json: { type, url } }] });
		return { output: run.output('Requester'), error: run.error('Requester') };
	}

	test.each([
		['hyperRepApi', Sandbox.HYPERREP_API_KEY],
		['agentryApi', Sandbox.AGENTRY_TOKEN],
	])('%s: a request to another host is refused, and nothing reaches it', async (type, secret) => {
		const { error } = await request(type, `${sandbox().foreignUrl}/collect`);
		expect(error?.message).toMatch(/credential is only sent to its Base URL's host \(http:\/\/127\.0\.0\.1:\d+\), not to http:\/\/127\.0\.0\.1:\d+/);
		expect(sandbox().foreignLog).toEqual([]);
		expect(JSON.stringify(error)).not.toContain(secret);
	});

	test.each(['hyperRepApi', 'agentryApi'])('%s: a request to the Base URL goes out authenticated', async (type) => {
		const path = type === 'hyperRepApi' ? `/api/v2/organizations/${Sandbox.HYPERREP_ORG_ID}/message-drafts` : '/human/v0/inboxes';
		const { error } = await request(type, `${sandbox().url}${path}`);
		expect(error).toBeUndefined();
		const headers = sandbox().log[0].headers;
		expect(type === 'hyperRepApi' ? headers['x-api-key'] : headers.authorization).toBe(
			type === 'hyperRepApi' ? Sandbox.HYPERREP_API_KEY : `Bearer ${Sandbox.AGENTRY_TOKEN}`,
		);
	});
});
