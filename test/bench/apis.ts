import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { Sandbox } from '../sandbox/server';

/** The largest page either list accepts. */
export const MAX_PAGE_SIZE = 100;

export type ApiName = 'HyperRep' | 'Agentry';

/** Where a benchmark's drafts live: a HyperRep organization or an Agentry inbox. */
export interface Target {
	baseUrl: string;
	/** HyperRep organization ID, or Agentry inbox ID. */
	id: string;
	/** HyperRep API key of that organization (Agentry uses one token for every inbox). */
	apiKey?: string;
}

/** The node type, its credentials and the drafts list of a target, raw: URL and auth header. */
export interface ApiBinding {
	nodeType: 'hyperRep' | 'agentry';
	credentials(target: Target): Record<string, ICredentialDataDecryptedObject>;
	/** The drafts collection of the target, as a full URL. */
	draftsUrl(target: Target): string;
	authHeaders(target: Target): Record<string, string>;
}

export const hyperRep: ApiBinding = {
	nodeType: 'hyperRep',
	credentials: ({ baseUrl, id, apiKey }) => ({
		hyperRepApi: { apiKey: apiKey ?? Sandbox.HYPERREP_API_KEY, organizationId: id, baseUrl },
	}),
	draftsUrl: ({ baseUrl, id }) => `${baseUrl}/api/v2/organizations/${encodeURIComponent(id)}/message-drafts`,
	authHeaders: ({ apiKey }) => ({ 'X-API-KEY': apiKey ?? Sandbox.HYPERREP_API_KEY }),
};

export const agentry: ApiBinding = {
	nodeType: 'agentry',
	credentials: ({ baseUrl }) => ({ agentryApi: { accessToken: Sandbox.AGENTRY_TOKEN, baseUrl } }),
	draftsUrl: ({ baseUrl, id }) => `${baseUrl}/human/v0/inboxes/${encodeURIComponent(id)}/drafts`,
	authHeaders: () => ({ Authorization: `Bearer ${Sandbox.AGENTRY_TOKEN}` }),
};

/** An Agentry resource locator set to an ID. */
export function byId(value: string): INodeParameters {
	return { __rl: true, mode: 'id', value };
}
