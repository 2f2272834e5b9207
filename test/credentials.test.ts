import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { testCredential } from './harness/credentialTest';
import { runNode } from './harness/engine';
import { Sandbox } from './sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, useSandbox } from './support/sandbox';

const sandbox = useSandbox();

const credentialsOf = { hyperRepApi: hyperRepCredentials, agentryApi: agentryCredentials };

/** The Test of a credential with `overrides` ({url} is the sandbox's) fails with `message`; the API answered `status`. */
async function expectTestRefused(type: keyof typeof credentialsOf, overrides: Record<string, string>, status: number, message: RegExp) {
	const values = Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, value.replace('{url}', sandbox().url)]));
	const credentials: Record<string, ICredentialDataDecryptedObject> = credentialsOf[type](sandbox(), values);
	const result = await testCredential(type, credentials[type]);
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(message);
	expect(sandbox().log[0].status).toBe(status);
}

describe('HyperRep API credential', () => {
	test('the test request passes with a good key and sends it as X-API-KEY', async () => {
		const { hyperRepApi } = hyperRepCredentials(sandbox());
		const result = await testCredential('hyperRepApi', hyperRepApi);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });

		const [request] = sandbox().log;
		expect(request.method).toBe('GET');
		expect(request.path).toBe(`/api/v2/organizations/${Sandbox.HYPERREP_ORG_ID}/message-drafts`);
		expect(request.query).toEqual({ limit: '1' });
		expect(request.headers['x-api-key']).toBe(Sandbox.HYPERREP_API_KEY);
		expect(request.headers.authorization).toBeUndefined();
	});

	test('a trailing slash on the Base URL is harmless', async () => {
		const { hyperRepApi } = hyperRepCredentials(sandbox(), { baseUrl: `${sandbox().url}/` });
		expect((await testCredential('hyperRepApi', hyperRepApi)).status).toBe('OK');
		expect(sandbox().log[0].path).toBe(`/api/v2/organizations/${Sandbox.HYPERREP_ORG_ID}/message-drafts`);
	});

	test.each(['/api/v2', '/api/v2/', `/api/v2/organizations/${Sandbox.HYPERREP_ORG_ID}/message-drafts`])(
		'a Base URL ending in %s is read as the API root, as the node reads it',
		async (suffix) => {
			const { hyperRepApi } = hyperRepCredentials(sandbox(), { baseUrl: `${sandbox().url}${suffix}` });
			expect(await testCredential('hyperRepApi', hyperRepApi)).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(sandbox().log[0].path).toBe(`/api/v2/organizations/${Sandbox.HYPERREP_ORG_ID}/message-drafts`);
		},
	);

	test.each([
		['a wrong key', { apiKey: 'hr_wrong' }, 401, /^Wrong API key/],
		["another organization's ID", { organizationId: 'HR_org_other' }, 403, /^This API key belongs to another organization/],
		['a Base URL that is not the API root', { baseUrl: '{url}/hyperrep' }, 404, /^Nothing answered at this Base URL .*not the HyperRep API root/],
	])('says which case it is: %s', async (_name, overrides, status, message) => {
		await expectTestRefused('hyperRepApi', overrides, status, message);
	});

	test('an unreachable host is named by its network error', async () => {
		const result = await testCredential('hyperRepApi', hyperRepCredentials(sandbox(), { baseUrl: 'http://127.0.0.1:9' }).hyperRepApi);
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});

describe('Agentry API credential', () => {
	test('the test request passes with a good token and sends it as a bearer token', async () => {
		const { agentryApi } = agentryCredentials(sandbox());
		const result = await testCredential('agentryApi', agentryApi);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });

		const [request] = sandbox().log;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/human/v0/inboxes');
		expect(request.query).toEqual({ limit: '1' });
		expect(request.headers.authorization).toBe(`Bearer ${Sandbox.AGENTRY_TOKEN}`);
		expect(request.headers['x-api-key']).toBeUndefined();
	});

	test.each(['/human/v0', '/human/v0/inboxes/'])('a Base URL ending in %s is read as the API root', async (suffix) => {
		const { agentryApi } = agentryCredentials(sandbox(), { baseUrl: `${sandbox().url}${suffix}` });
		expect((await testCredential('agentryApi', agentryApi)).status).toBe('OK');
		expect(sandbox().log[0].path).toBe('/human/v0/inboxes');
	});

	test.each([
		['a wrong token', { accessToken: 'agt_wrong' }, 401, /^Wrong access token/],
		['a Base URL that is not the API root', { baseUrl: '{url}/agentry' }, 404, /^Nothing answered at this Base URL .*not the Agentry API root/],
	])('says which case it is: %s', async (_name, overrides, status, message) => {
		await expectTestRefused('agentryApi', overrides, status, message);
	});
});

test('a Base URL that is not http(s) fails with a clear error and nothing is sent', async () => {
	const { nodeError } = await runNode({
		type: 'agentry',
		parameters: { resource: 'draft', operation: 'getAll', inboxId: byId('a@b.io'), returnAll: true },
		credentials: agentryCredentials(sandbox(), { baseUrl: 'api.example.com' }),
	});
	expect(nodeError?.message).toBe('The Agentry credential\'s Base URL "api.example.com" is not an http(s) URL');
	expect(sandbox().log).toEqual([]);
});
