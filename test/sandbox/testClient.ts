import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { Sandbox } from './server';

/** Test-side HTTP through n8n-core's own request helper, so tests see what nodes will see. */

export interface TestResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: T;
}

export interface CallOptions {
	method?: IHttpRequestMethods;
	headers?: IDataObject;
	body?: unknown;
	qs?: IDataObject;
	encoding?: IHttpRequestOptions['encoding'];
}

export async function call<T = unknown>(url: string, options: CallOptions = {}): Promise<TestResponse<T>> {
	const response = (await httpRequest({
		method: options.method ?? 'GET',
		url,
		headers: options.headers,
		body: options.body as IHttpRequestOptions['body'],
		qs: options.qs,
		json: true,
		encoding: options.encoding,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
	return { statusCode: response.statusCode, headers: response.headers as Record<string, unknown>, body: response.body as T };
}

/** HyperRep call with the sample API key unless `apiKey` overrides it (null: no header). */
export function hyperrep<T = unknown>(
	sandbox: Sandbox,
	method: IHttpRequestMethods,
	path: string,
	options: Omit<CallOptions, 'method'> & { apiKey?: string | null } = {},
): Promise<TestResponse<T>> {
	const { apiKey = Sandbox.HYPERREP_API_KEY, headers, ...rest } = options;
	const auth: IDataObject = apiKey === null ? {} : { 'X-API-KEY': apiKey };
	return call<T>(`${sandbox.url}${path}`, { ...rest, method, headers: { ...auth, ...headers } });
}

/** Agentry call with the sample bearer token unless `token` overrides it (null: no header). */
export function agentry<T = unknown>(
	sandbox: Sandbox,
	method: IHttpRequestMethods,
	path: string,
	options: Omit<CallOptions, 'method'> & { token?: string | null } = {},
): Promise<TestResponse<T>> {
	const { token = Sandbox.AGENTRY_TOKEN, headers, ...rest } = options;
	const auth: IDataObject = token === null ? {} : { Authorization: `Bearer ${token}` };
	return call<T>(`${sandbox.url}${path}`, { ...rest, method, headers: { ...auth, ...headers } });
}

/** Organization-scoped HyperRep path. */
export function hrPath(suffix = '', orgId: string = Sandbox.HYPERREP_ORG_ID): string {
	return `/api/v2/organizations/${encodeURIComponent(orgId)}/message-drafts${suffix}`;
}

/** Inbox-scoped Agentry path. */
export function agPath(inboxId: string, suffix = ''): string {
	return `/human/v0/inboxes/${encodeURIComponent(inboxId)}${suffix}`;
}
