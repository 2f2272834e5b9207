import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateWith, baseUrlProperty, type CredentialApi, credentialTest } from '../nodes/shared/credentialType';

const AGENTRY: CredentialApi = { name: 'Agentry', rootPath: '/human/v0' };

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
		baseUrlProperty({
			placeholder: 'e.g. https://api.example.com',
			description: 'The root of your Agentry API, without the /human/v0 path',
		}),
	];

	authenticate: IAuthenticate = authenticateWith(AGENTRY, (credentials) => ({
		Authorization: `Bearer ${String(credentials.accessToken ?? '').trim()}`,
	}));

	test: ICredentialTestRequest = credentialTest(AGENTRY, {
		url: '/human/v0/inboxes',
		secret: 'access token',
		forbidden: 'This access token may not list inboxes (HTTP 403): use a token with access to the inboxes.',
		rootAdvice: 'Enter the address before /human/v0.',
	});
}
