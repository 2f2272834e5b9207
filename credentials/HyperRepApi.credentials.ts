import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
			placeholder: 'HR_id_...',
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-KEY': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/api/v2/organizations/{{encodeURIComponent($credentials.organizationId)}}/message-drafts',
			qs: { limit: 1 },
		},
	};
}
