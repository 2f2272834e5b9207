import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateFor } from '../nodes/shared/baseUrl';

export class HyperRepApi implements ICredentialType {
	name = 'hyperRepApi';

	displayName = 'HyperRep API';

	icon: Icon = {
		light: 'file:../nodes/HyperRep/hyperrep.svg',
		dark: 'file:../nodes/HyperRep/hyperrep.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-hyperrep-agentry#hyperrep-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key of your HyperRep organization, sent in the X-API-KEY header',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. HR_id_...',
			description: 'The organization whose message drafts this credential manages',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hyperrep.ai',
			required: true,
			description: 'Change only for a self-hosted or test HyperRep API',
		},
	];

	// Only to the Base URL's host, and never with a Base URL the nodes would refuse: the "Test"
	// button and the HTTP Request node go through here too.
	authenticate: IAuthenticate = async (credentials, requestOptions) =>
		authenticateFor(credentials.baseUrl, '/api/v2', 'HyperRep', requestOptions, {
			'X-API-KEY': String(credentials.apiKey ?? '').trim(),
		});

	// A declarative test with a message per status: a test function of the node (`testedBy`)
	// would only get n8n's deprecated `helpers.request`, which n8n's scanner rejects.
	test: ICredentialTestRequest = {
		request: {
			// The API root, as the node reads it: a Base URL going on into /api/v2 is trimmed.
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/api\\/v2(\\/.*)?$/i, "")}}',
			url: '=/api/v2/organizations/{{encodeURIComponent($credentials.organizationId.trim())}}/message-drafts',
			qs: { limit: 1 },
			// The key must not follow a redirect to another host (an SSO page, a parked domain).
			disableFollowRedirect: true,
		},
		rules: [
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The Base URL redirects elsewhere (HTTP ${value}), and the API key is only sent to the Base URL itself: enter the address of the HyperRep API that answers directly.`,
				},
			})),
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Wrong API key: HyperRep did not accept it (HTTP 401). Copy the key again from HyperRep.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"This API key belongs to another organization (HTTP 403): check the Organization ID, or use that organization's key.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Nothing answered at this Base URL (HTTP 404): it is not the HyperRep API root. Use e.g. https://api.hyperrep.ai.',
				},
			},
		],
	};
}
