import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateFor } from '../nodes/shared/baseUrl';

export class AgentryApi implements ICredentialType {
	name = 'agentryApi';

	displayName = 'Agentry API';

	icon: Icon = {
		light: 'file:../nodes/Agentry/agentry.svg',
		dark: 'file:../nodes/Agentry/agentry.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-hyperrep-agentry#agentry-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent as a bearer token in the Authorization header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://api.example.com',
			description: 'The root of your Agentry API, without the /human/v0 path',
		},
	];

	// Only to the Base URL's host, and never with a Base URL the nodes would refuse: the "Test"
	// button and the HTTP Request node go through here too.
	authenticate: IAuthenticate = async (credentials, requestOptions) =>
		authenticateFor(credentials.baseUrl, '/human/v0', 'Agentry', requestOptions, {
			Authorization: `Bearer ${String(credentials.accessToken ?? '').trim()}`,
		});

	// A declarative test with a message per status: a test function of the node (`testedBy`)
	// would only get n8n's deprecated `helpers.request`, which n8n's scanner rejects.
	test: ICredentialTestRequest = {
		request: {
			// The API root, as the node reads it: a Base URL going on into /human/v0 is trimmed.
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/human\\/v0(\\/.*)?$/i, "")}}',
			url: '/human/v0/inboxes',
			qs: { limit: 1 },
			// The key must not follow a redirect to another host (an SSO page, a parked domain).
			disableFollowRedirect: true,
		},
		rules: [
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The Base URL redirects elsewhere (HTTP ${value}), and the access token is only sent to the Base URL itself: enter the address of the Agentry API that answers directly.`,
				},
			})),
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Wrong access token: Agentry did not accept it (HTTP 401). Copy the token again from Agentry.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'This access token may not list inboxes (HTTP 403): use a token with access to the inboxes.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Nothing answered at this Base URL (HTTP 404): it is not the Agentry API root. Enter the address before /human/v0.',
				},
			},
		],
	};
}
