import type { IAuthenticate, ICredentialDataDecryptedObject, ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import { authenticateFor } from './baseUrl';

/** What both credentials say of their API: the Base URL checks and the "Test" messages name it. */
export interface CredentialApi {
	/** Shown in messages, e.g. "Agentry". */
	name: string;
	/** The path every route starts with, e.g. `/human/v0`: a Base URL going on into it is trimmed. */
	rootPath: string;
}

/** A credential's Base URL field: its description, and any default or placeholder, are the API's own. */
export function baseUrlProperty(field: { description: string; default?: string; placeholder?: string }): INodeProperties {
	return { displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '', required: true, ...field };
}

/**
 * A credential's `authenticate`: adds its header only to requests for the Base URL's host, and
 * never with a Base URL the nodes would refuse: the "Test" button and the HTTP Request node go
 * through here too.
 */
export function authenticateWith(api: CredentialApi, header: (credentials: ICredentialDataDecryptedObject) => Record<string, string>): IAuthenticate {
	return async (credentials, requestOptions) => authenticateFor(credentials.baseUrl, api.rootPath, api.name, requestOptions, header(credentials));
}

export interface CredentialTestSpec {
	/** A route that answers a GET with the credential alone; an expression may fill in other fields. */
	url: string;
	/** The secret as messages name it, e.g. "access token". */
	secret: string;
	/** The message of a 403: what the credential may not do, and what to do. */
	forbidden: string;
	/** After a 404's message: where the API root is. */
	rootAdvice: string;
}

const REDIRECTS = [301, 302, 303, 307, 308];

/**
 * A declarative test with a message per status: a test function of the node (`testedBy`) would
 * only get n8n's deprecated `helpers.request`, which n8n's scanner rejects.
 */
export function credentialTest(api: CredentialApi, { url, secret, forbidden, rootAdvice }: CredentialTestSpec): ICredentialTestRequest {
	const rule = (value: number, message: string) => ({ type: 'responseCode' as const, properties: { value, message } });
	// The route prefix as it stands inside a regular expression literal of the expression.
	const rootPattern = api.rootPath.replaceAll('/', '\\/');
	return {
		request: {
			// The API root, as the node reads it: a Base URL going on into the root path is trimmed.
			baseURL: `={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/${rootPattern}(\\/.*)?$/i, "")}}`,
			url,
			qs: { limit: 1 },
			// The secret must not follow a redirect to another host (an SSO page, a parked domain).
			disableFollowRedirect: true,
		},
		rules: [
			...REDIRECTS.map((value) =>
				rule(
					value,
					`The Base URL redirects elsewhere (HTTP ${value}), and the ${secret} is only sent to the Base URL itself: enter the address of the ${api.name} API that answers directly.`,
				),
			),
			rule(401, `Wrong ${secret}: ${api.name} did not accept it (HTTP 401). Copy the ${secret} again from ${api.name}.`),
			rule(403, forbidden),
			rule(404, `Nothing answered at this Base URL (HTTP 404): it is not the ${api.name} API root. ${rootAdvice}`),
		],
	};
}
