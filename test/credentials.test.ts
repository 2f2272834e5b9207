import { testCredential } from './harness/credentialTest';
import { runNode } from './harness/engine';
import { Sandbox } from './sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, useSandbox } from './support/sandbox';

const sandbox = useSandbox();

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

	test('fails with a wrong key', async () => {
		const { hyperRepApi } = hyperRepCredentials(sandbox(), { apiKey: 'hr_wrong' });
		const result = await testCredential('hyperRepApi', hyperRepApi);
		expect(result.status).toBe('Error');
		expect(sandbox().log[0].status).toBe(401);
	});

	test("fails with another organization's ID", async () => {
		const { hyperRepApi } = hyperRepCredentials(sandbox(), { organizationId: 'HR_org_other' });
		const result = await testCredential('hyperRepApi', hyperRepApi);
		expect(result.status).toBe('Error');
		expect(sandbox().log[0].status).toBeGreaterThanOrEqual(400);
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

	test('fails with a wrong token', async () => {
		const { agentryApi } = agentryCredentials(sandbox(), { accessToken: 'agt_wrong' });
		const result = await testCredential('agentryApi', agentryApi);
		expect(result.status).toBe('Error');
		expect(sandbox().log[0].status).toBe(401);
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
