import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError, describeErrorBody, type ErrorDetails } from './errors';
import { isHttpUrl } from './validation';
import {
	backoffMs,
	classifyNetworkCode,
	classifyStatus,
	type FailureKind,
	pause,
	RateGate,
	retryAfterMs,
} from './retry';

export type ApiContext = IExecuteFunctions | ILoadOptionsFunctions;

/** What distinguishes one API from the other; everything else about a request is shared. */
export interface ApiDefinition {
	/** Shown in messages, e.g. "HyperRep". */
	name: string;
	credentialType: string;
	/** Credential fields whose values must never appear in output, errors or logs. */
	secretFields: string[];
	/** Turns a failed response into the message and description the user sees. */
	explainError?: (failure: ApiFailure) => { message: string; description?: string } | undefined;
}

export interface ApiFailure {
	status: number;
	details: ErrorDetails;
	request: ApiRequest;
}

/**
 * Whether a request may be sent again after a failure whose outcome is unknown. Reads, updates
 * and deletes may; a create or send without an idempotency key may not.
 */
export type RepeatSafety = 'idempotent' | 'unsafe';

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Built with `pathOf`, so every parameter is encoded. */
	path: string;
	qs?: IDataObject;
	/** A JSON object, or a JSON document already serialized into a Buffer (large uploads). */
	body?: IDataObject | Buffer;
	safety?: RepeatSafety;
	itemIndex?: number;
	/** What "not found" means for this request, e.g. "Draft d1 was not found in inbox i1". */
	notFound?: string;
	/** For an unsafe request: what to check before running the item again. */
	checkBeforeRepeating?: string;
}

export interface RequestSettings {
	/** Retries after the first attempt; 0 turns retrying off. */
	maxRetries: number;
	timeoutMs: number;
}

export const DEFAULT_SETTINGS: RequestSettings = { maxRetries: 3, timeoutMs: 30_000 };

/** Joins path segments, encoding each parameter so that no value can change the route. */
export function pathOf(strings: TemplateStringsArray, ...params: Array<string | number>): string {
	return strings.reduce(
		(path, part, index) =>
			index < params.length ? `${path}${part}${encodeURIComponent(String(params[index]))}` : path + part,
		'',
	);
}

/** The system error code (ECONNRESET, ...) of a failed request; n8n keeps it in `httpCode`. */
function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current; depth++) {
		const { code, httpCode, cause } = current as { code?: unknown; httpCode?: unknown; cause?: unknown };
		for (const candidate of [httpCode, code]) {
			if (typeof candidate === 'string' && /^E[A-Z_]+$/.test(candidate)) return candidate;
		}
		current = cause;
	}
	return undefined;
}

/**
 * The one way both nodes talk to their APIs: credentials applied by n8n, retries with backoff
 * that never repeat an unsafe request blindly, and errors mapped from any body with secrets
 * scrubbed.
 */
export class ApiClient {
	constructor(
		private readonly context: ApiContext,
		private readonly api: ApiDefinition,
		private readonly settings: RequestSettings = DEFAULT_SETTINGS,
		private readonly run: RunState = { gate: new RateGate(), secrets: [] },
	) {}

	/** The same client with other settings, sharing its credentials and its 429 gate. */
	withSettings(settings: RequestSettings): ApiClient {
		return new ApiClient(this.context, this.api, settings, this.run);
	}

	async credential(field: string): Promise<string> {
		const { data } = await this.loadCredentials();
		return String(data?.[field] ?? '');
	}

	/** Loaded once per run and handed to n8n with every request, which spares a lookup each time. */
	private async loadCredentials(): Promise<ICredentialsDecrypted> {
		const type = this.api.credentialType;
		this.run.credentials ??= this.context.getCredentials(type).then((data) => {
			this.run.secrets = this.api.secretFields.map((field) => String(data[field] ?? ''));
			const reference = this.context.getNode().credentials?.[type];
			return { id: reference?.id ?? '', name: reference?.name ?? '', type, data };
		});
		return await this.run.credentials;
	}

	async request<T>(request: ApiRequest): Promise<T> {
		const baseUrl = (await this.credential('baseUrl')).trim().replace(/\/+$/, '');
		if (!isHttpUrl(baseUrl)) {
			const message = `The ${this.api.name} credential's Base URL "${baseUrl}" is not an http(s) URL`;
			throw new NodeOperationError(this.context.getNode(), message, {
				itemIndex: request.itemIndex,
				description: 'Open the credential and enter the API root, e.g. https://api.example.com.',
			});
		}
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: !Buffer.isBuffer(request.body),
			headers: Buffer.isBuffer(request.body) ? { 'Content-Type': 'application/json' } : undefined,
			timeout: this.settings.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// Credentials go to the Base URL's host and nowhere else: a redirect could carry the
			// API key header to another host, so redirects are reported, not followed.
			disableFollowRedirect: true,
		};
		const signal = 'getExecutionCancelSignal' in this.context ? this.context.getExecutionCancelSignal() : undefined;

		for (let attempt = 0; ; attempt++) {
			if (!(await pause(this.run.gate.remainingMs(), signal))) throw this.cancelled(request);
			const outcome = await this.attempt(options);
			if ('ok' in outcome) return outcome.body as T;

			const retryable =
				outcome.kind === 'refused' ||
				(outcome.kind === 'ambiguous' && (request.safety ?? 'idempotent') === 'idempotent');
			if (!retryable || attempt >= this.settings.maxRetries) throw this.failure(outcome, request, attempt);
			const wait = outcome.retryAfter ?? backoffMs(attempt);
			if (outcome.status === 429) this.run.gate.hold(wait);
			// Cancelled while waiting: the last failure is the outcome.
			if (!(await pause(wait, signal))) throw this.failure(outcome, request, attempt);
		}
	}

	private cancelled(request: ApiRequest) {
		return new NodeOperationError(this.context.getNode(), 'The execution was cancelled before the request was sent', {
			itemIndex: request.itemIndex,
		});
	}

	private async attempt(options: IHttpRequestOptions): Promise<AttemptOutcome> {
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				this.api.credentialType,
				{ ...options, headers: { ...options.headers } },
				{ credentialsDecrypted: await this.loadCredentials() },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkCode(error);
			return { kind: classifyNetworkCode(code), networkCode: code ?? 'UNKNOWN' };
		}
		const { statusCode: status, body, headers } = response;
		if (status >= 200 && status < 300) {
			// axios hands back unparseable JSON (an HTML page, a cut-off body) as a string.
			if (typeof body === 'string' && body.trim() !== '') {
				return { kind: 'final', status, malformed: true };
			}
			return { ok: true, body: body === '' ? undefined : body };
		}
		return {
			kind: classifyStatus(status),
			status,
			details: { ...describeErrorBody(body), location: headers?.location as string | undefined },
			retryAfter: retryAfterMs(headers?.['retry-after']),
		};
	}

	/**
	 * Checks a successful response's shape: a 200 that is not what the reference documents is
	 * reported as an API error, not left to crash later.
	 */
	expectShape<T>(body: unknown, isValid: (body: unknown) => body is T, what: string, itemIndex?: number): T {
		if (isValid(body)) return body;
		return this.fail({
			message: `${this.api.name} returned an unexpected response: expected ${what}`,
			description: 'The API answered successfully but not in the documented shape. Try again later, or report it to the API provider.',
			status: 200,
			itemIndex,
		});
	}

	/**
	 * Fetches a file from a pre-signed URL. A plain request on purpose: the URL authorizes the
	 * download, and the credential must never reach the download host. A failure is reported as
	 * `failure.message`, with the reason and then `failure.advice` as the description.
	 */
	async download(
		url: string,
		failure: { message: string; advice: string; itemIndex?: number },
	): Promise<Buffer> {
		const { message, advice, itemIndex } = failure;
		const fail = (reason: string, status?: number): never =>
			this.fail({ message, description: `${reason} ${advice}`, status, itemIndex });
		if (!isHttpUrl(url)) return fail(`${this.api.name} returned a download URL that is not an http(s) URL.`);
		const host = new URL(url).host;
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.context.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'arraybuffer',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: this.settings.timeoutMs,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkCode(error);
			return fail(`The download host ${host} could not be reached${code ? ` (${code})` : ''}.`);
		}
		if (response.statusCode < 200 || response.statusCode >= 300) {
			return fail(`The download host ${host} answered HTTP ${response.statusCode}.`, response.statusCode);
		}
		return Buffer.from(response.body as Buffer);
	}

	/** Throws an API error with this client's secrets scrubbed. */
	fail(spec: { message: string; description?: string; status?: number; itemIndex?: number }): never {
		throw apiError(this.context.getNode(), { ...spec, secrets: this.secrets() });
	}

	private secrets(): string[] {
		return this.run.secrets;
	}

	private failure(outcome: Failed, request: ApiRequest, attempt: number) {
		const node = this.context.getNode();
		const secrets = this.secrets();
		const { itemIndex } = request;
		const name = this.api.name;
		const tries = attempt > 0 ? ` after ${attempt + 1} attempts` : '';
		const unknownOutcome =
			outcome.kind === 'ambiguous' && request.safety === 'unsafe'
				? `The outcome is unknown: ${name} may have carried out this request before the failure, so it was not repeated. ${request.checkBeforeRepeating ?? 'Check the result in ' + name + ' before running this item again.'}`
				: undefined;

		if (outcome.networkCode) {
			return apiError(node, {
				message: `${networkMessage(name, outcome.networkCode, this.settings.timeoutMs)}${tries}`,
				description: unknownOutcome ?? 'Check the Base URL in the credential and your network, then try again.',
				code: outcome.networkCode,
				itemIndex,
				secrets,
			});
		}
		const status = outcome.status ?? 0;
		if (outcome.malformed) {
			return apiError(node, {
				message: `${name} returned a response that is not valid JSON (HTTP ${status})`,
				description: 'The API answered with a body this node cannot read. Try again later.',
				status,
				itemIndex,
				secrets,
			});
		}
		const details: ErrorDetails & { location?: string } = outcome.details ?? {};
		const explained = this.api.explainError?.({ status, details, request });
		const fallback = defaultExplanation(name, status, details, request);
		const explanation = explained ?? fallback;
		const description = [explanation.description, unknownOutcome].filter(Boolean).join(' ');
		return apiError(node, {
			message: `${explanation.message}${tries}`,
			description: description || undefined,
			status,
			code: details.code,
			itemIndex,
			secrets,
		});
	}
}

/** What every client of one node run shares. */
interface RunState {
	gate: RateGate;
	credentials?: Promise<ICredentialsDecrypted>;
	/** The credential's secret values, scrubbed from every message. */
	secrets: string[];
}

interface Failed {
	kind: FailureKind;
	status?: number;
	details?: ErrorDetails & { location?: string };
	retryAfter?: number;
	networkCode?: string;
	malformed?: boolean;
}

type AttemptOutcome = Failed | { ok: true; body: unknown };

/** What a system error code means for the user. */
function networkMessage(name: string, code: string, timeoutMs: number): string {
	switch (code) {
		case 'ECONNRESET':
		case 'EPIPE':
			return `The connection to ${name} closed before a response arrived (${code})`;
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
		case 'ESOCKETTIMEDOUT':
			return `${name} did not answer within ${timeoutMs} ms (${code})`;
		case 'ERR_BAD_RESPONSE':
			return `The response from ${name} was cut off or malformed (${code})`;
		default:
			return `${name} could not be reached (${code})`;
	}
}

function defaultExplanation(
	name: string,
	status: number,
	details: ErrorDetails & { location?: string },
	request: ApiRequest,
) {
	const said = details.message ? `: ${details.message}` : '';
	if (status >= 300 && status < 400) {
		return {
			message: `${name} answered with a redirect (HTTP ${status}), which was not followed`,
			description: `Requests carrying your credentials only go to the credential's Base URL. Check the Base URL${details.location ? `: the API pointed to ${details.location}` : ''}.`,
		};
	}
	if (status === 401 || status === 403) {
		return {
			message: `${name} rejected the credentials (HTTP ${status})${said}`,
			description: details.hint ?? 'Check the API key or token and the IDs in the credential.',
		};
	}
	if (status === 404 && request.notFound) {
		return { message: request.notFound, description: [details.message, details.hint].filter(Boolean).join(' — ') || undefined };
	}
	if (status === 429 || status === 503) {
		return {
			message: `${name} is busy or rate-limiting requests (HTTP ${status})${said}`,
			description: details.hint ?? 'Raise "Max Retries" in the node options, lower "Concurrency", or try again later.',
		};
	}
	const text = details.message ?? `${name} answered HTTP ${status}`;
	return { message: `${text}${details.message ? ` (HTTP ${status})` : ''}`, description: details.hint };
}
