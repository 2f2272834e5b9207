import { Sandbox } from '../sandbox/server';

/**
 * The credentials the examples and the lane's workflows use, by the IDs and names their nodes
 * reference. The lane imports them pointing at the sandbox and at the scripted chat model.
 */
export const CREDENTIALS = {
	hyperRep: { id: 'hyperrepCred0001', name: 'HyperRep account', type: 'hyperRepApi' },
	agentry: { id: 'agentryCred00001', name: 'Agentry account', type: 'agentryApi' },
	openAi: { id: 'openAiCred000001', name: 'OpenAI account', type: 'openAiApi' },
} as const;

export type CredentialName = keyof typeof CREDENTIALS;

/** The data of each credential, as its Test button and the nodes use it. */
export function credentialData(sandboxUrl: string, chatModelUrl: string): Record<CredentialName, Record<string, string>> {
	return {
		hyperRep: { apiKey: Sandbox.HYPERREP_API_KEY, organizationId: Sandbox.HYPERREP_ORG_ID, baseUrl: sandboxUrl },
		agentry: { accessToken: Sandbox.AGENTRY_TOKEN, baseUrl: sandboxUrl },
		openAi: { apiKey: 'sk-scripted-model', url: chatModelUrl },
	};
}

/** The file `n8n import:credentials` reads; without a chat model, only the two credentials of the package. */
export function credentialsImport(sandboxUrl: string, chatModelUrl?: string) {
	const data = credentialData(sandboxUrl, chatModelUrl ?? '');
	const names = (Object.keys(CREDENTIALS) as CredentialName[]).filter((key) => chatModelUrl !== undefined || key !== 'openAi');
	return names.map((key) => ({ ...CREDENTIALS[key], data: data[key] }));
}
