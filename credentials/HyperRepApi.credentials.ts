import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateWith, baseUrlProperty, type CredentialApi, credentialTest } from '../nodes/shared/credentialType';

const HYPERREP: CredentialApi = { name: 'HyperRep', rootPath: '/api/v2' };

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
		baseUrlProperty({
			default: 'https://api.hyperrep.ai',
			description: 'Change only for a self-hosted or test HyperRep API',
		}),
	];

	authenticate: IAuthenticate = authenticateWith(HYPERREP, (credentials) => ({
		'X-API-KEY': String(credentials.apiKey ?? '').trim(),
	}));

	test: ICredentialTestRequest = credentialTest(HYPERREP, {
		url: '=/api/v2/organizations/{{encodeURIComponent($credentials.organizationId.trim())}}/message-drafts',
		secret: 'API key',
		forbidden: "This API key belongs to another organization (HTTP 403): check the Organization ID, or use that organization's key.",
		rootAdvice: 'Use e.g. https://api.hyperrep.ai.',
	});
}
