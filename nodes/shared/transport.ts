import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CongestionSignal, Sent } from './concurrency';
import { readBaseUrl } from './baseUrl';
import { apiError, describeErrorBody, type ErrorDetails, type FieldLabels } from './errors';
import { defaultExplanation, type Explanation, type Failed, networkMessage, unreadableMessage } from './failures';
import { lookTwice, markOutcomeUnknown, type OutcomeLookup, type Resolution, settleMs, type UnknownAttempt } from './outcomes';
import { quote } from './quote';
import { isHttpUrl, isPathSegment } from './validation';
import {
	apiAnswered,
	classifyNetworkCode,
	classifyStatus,
	mayStillLand,
	pause,
	RateGate,
	retryAfterMs,
	retryBackoff,
} from './retry';

export type ApiContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What distinguishes one API from the other; everything else about a request is shared. */
export interface ApiDefinition {
	/** Shown in messages, e.g. "HyperRep". */
	name: string;
	credentialType: string;
	/** Credential fields whose values must never appear in output, errors or logs. */
	secretFields: string[];
	/** The path every route starts with, e.g. `/human/v0`: a Base URL going on into it is trimmed to the root. */
	rootPath: string;
	/** The node's names for API fields, used when an error names a field. */
	fieldLabels?: FieldLabels;
	/** Turns a failed response into the message and description the user sees. */
	explainError?: (failure: ApiFailure) => Explanation | undefined;
}

/** A definite refusal, read as an answer. */
export interface Refusal {
	status: number;
	/** The API's error code, e.g. `draft_not_found`. */
	code?: string;
	message?: string;
}

/** What a successful response must look like, checked before it counts as a success. */
export interface Shape<T> {
	/** Said in the error when it does not, e.g. "a draft with a draft_id". */
	what: string;
	isValid: (body: unknown) => body is T;
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
	/** For an unsafe request: what a failure with an unknown outcome may have done, and what to check. */
	ifOutcomeUnknown?: {
		effect: string;
		check: string;
		/**
		 * Looks at the API for what the attempt did: its result when found, or proof that it left
		 * nothing, after which the request is sent again.
		 */
		lookup?: OutcomeLookup<unknown>;
	};
}

export interface RequestSettings {
	/** Retries after the first attempt; 0 turns retrying off. */
	maxRetries: number;
	timeoutMs: number;
}

/**
 * Ten retries by default: with several items in flight, an API that refuses one request in five
 * would otherwise leave an item refused four times running now and then (0.2^4 per item), while
 * the backoff keeps ten retries within about a minute and a half.
 */
export const DEFAULT_SETTINGS: RequestSettings = { maxRetries: 10, timeoutMs: 30_000 };

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
 * Whether a failed request provably never left: its connection was fresh and was reset before
 * a single byte of the request was written to it (axios keeps the request, and the request its
 * socket, on the error n8n wraps). A server reading nothing cannot have acted on it, so even a
 * create may be sent again. A reset after the first byte is an unknown outcome: a server could
 * have read the request and acted before the reset.
 */
export function neverSent(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current; depth++) {
		const { request, cause } = current as { request?: unknown; cause?: unknown };
		const sent = request as { reusedSocket?: boolean; socket?: { bytesWritten?: unknown } | null } | undefined;
		if (typeof sent?.socket?.bytesWritten === 'number') return sent.reusedSocket !== true && sent.socket.bytesWritten === 0;
		current = cause;
	}
	return false;
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
		private readonly run: RunState = newRunState(),
	) {}

	/** The same client with other settings, sharing its credentials and its 429 gate. */
	withSettings(settings: RequestSettings): ApiClient {
		return new ApiClient(this.context, this.api, settings, this.run);
	}

	async credential(field: string): Promise<string> {
		const { data } = await this.loadCredentials();
		return String(data?.[field] ?? '');
	}

	/** A credential value that goes into a URL path, e.g. an organization ID, checked as an ID. */
	async credentialPathSegment(field: string, label: string, itemIndex?: number): Promise<string> {
		const value = (await this.credential(field)).trim();
		if (!isPathSegment(value)) {
			throw new NodeOperationError(
				this.context.getNode(),
				`The ${this.api.name} credential's ${label} ${quote(value)} is not a valid ID`,
				{ itemIndex, description: `Open the credential and enter the ${label} exactly as ${this.api.name} shows it.` },
			);
		}
		return value;
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

	/** The API root from the credential's Base URL (see `readBaseUrl`), checked before any request. */
	private async apiRoot(itemIndex?: number): Promise<string> {
		const base = readBaseUrl(await this.credential('baseUrl'), this.api.rootPath, this.api.name);
		if (!base.ok) throw new NodeOperationError(this.context.getNode(), base.message, { itemIndex, description: base.advice });
		return base.root;
	}

	/**
	 * Sends a request and returns its body, which must have `expect`'s shape when given. A success
	 * status with a body that cannot be used counts as a failure whose outcome is unknown.
	 */
	async request<T = unknown>(request: ApiRequest, expect?: Shape<T>): Promise<T> {
		const result = await this.exchange(request, expect);
		return ('body' in result ? result.body : undefined) as T;
	}

	/**
	 * Reads, where a definite refusal (a 404, say) is an answer, not an error: it comes back as
	 * its status and the API's error code.
	 */
	async read<T>(request: ApiRequest, expect?: Shape<T>): Promise<{ body: T } | Refusal> {
		const result = await this.exchange(request, expect, true);
		if ('refusal' in result) return result.refusal;
		return { body: ('body' in result ? result.body : undefined) as T };
	}

	/**
	 * Deletes, reading the thing first. A 404 after an attempt whose outcome was unknown means that
	 * attempt did the job only for something that existed (a mistyped ID answers the same 404, so
	 * the read comes first, and fails with the API's own reason for a thing that is not there), and
	 * only when `goneIf` finds its reason consistent with a delete (the draft missing, rather than
	 * the inbox, or a draft that was sent meanwhile); any other 404 is the error it is.
	 */
	async remove(
		request: Omit<ApiRequest, 'method'> & { goneIf: (refusal: Refusal) => boolean },
	): Promise<{ alreadyGone: boolean }> {
		await this.exchange({ ...request, method: 'GET' });
		const result = await this.exchange({ ...request, method: 'DELETE' });
		return { alreadyGone: 'gone' in result };
	}

	private async exchange(
		request: ApiRequest & { goneIf?: (refusal: Refusal) => boolean },
		expect?: Shape<unknown>,
		refusalIsAnswer = false,
	): Promise<{ body: unknown } | { gone: true } | { refusal: Refusal }> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${await this.apiRoot(request.itemIndex)}${request.path}`,
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

		let unknownBefore = false;
		for (let attempt = 0; ; attempt++) {
			if (!(await pause(this.run.gate.remainingMs(), signal))) throw this.cancelled(request);
			const sent = this.run.congestion?.sent();
			const sentAt = Date.now();
			const outcome = await this.attempt(options, expect);
			const latencyMs = Date.now() - sentAt;
			if ('body' in outcome || outcome.status !== undefined) this.run.slowestAnswerMs = Math.max(this.run.slowestAnswerMs ?? 0, latencyMs);
			if (sent) this.signalCongestion(outcome, sent, latencyMs);
			if ('body' in outcome) return outcome;
			const refusal = refusalOf(outcome);
			if (refusal && refusal.status === 404 && unknownBefore && request.goneIf?.(refusal)) return { gone: true };
			if (refusal && refusalIsAnswer) return { refusal };
			unknownBefore ||= outcome.kind === 'ambiguous';

			const lookup = request.ifOutcomeUnknown?.lookup;
			if (lookup && isUnknown(outcome, request)) {
				const carriedOut = outcome.unreadable !== undefined;
				const resolution = await this.resolve(lookup, outcome, { sentAt, carriedOut }, signal);
				if ('found' in resolution) return { body: resolution.found };
				if ('unknown' in resolution || carriedOut || attempt >= this.settings.maxRetries) {
					throw this.failure(outcome, request, attempt, 'unknown' in resolution ? resolution.unknown : undefined);
				}
				// The lookup proved that the attempt left nothing: sending it again is safe.
				continue;
			}

			const retryable =
				outcome.kind === 'refused' ||
				(outcome.kind === 'ambiguous' && (request.safety ?? 'idempotent') === 'idempotent');
			if (!retryable || attempt >= this.settings.maxRetries) throw this.failure(outcome, request, attempt);
			const wait = outcome.retryAfter ?? retryBackoff.waitMs(attempt);
			if (outcome.status === 429) this.run.gate.hold(wait);
			// Cancelled while waiting: the last failure is the outcome.
			if (!(await pause(wait, signal))) throw this.failure(outcome, request, attempt);
		}
	}

	/** Answers tell the run's window how long they took; push-back and failed connections narrow it. */
	private signalCongestion(outcome: Failed | { body: unknown }, sent: Sent, latencyMs: number) {
		if ('body' in outcome || (outcome.status !== undefined && outcome.kind === 'final')) {
			this.run.congestion?.answered(latencyMs, sent);
		} else if (outcome.kind !== 'final') {
			this.run.congestion?.shrink(sent);
		}
	}

	private cancelled(request: ApiRequest) {
		return new NodeOperationError(this.context.getNode(), 'The execution was cancelled before the request was sent', {
			itemIndex: request.itemIndex,
		});
	}

	private async attempt(options: IHttpRequestOptions, expect?: Shape<unknown>): Promise<Failed | { body: unknown }> {
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
			const kind = classifyNetworkCode(code);
			return { kind: kind === 'ambiguous' && neverSent(error) ? 'refused' : kind, networkCode: code ?? 'UNKNOWN' };
		}
		const { statusCode: status, headers } = response;
		const body = response.body === '' ? undefined : response.body;
		if (status >= 200 && status < 300) {
			// The request was carried out, but its answer cannot be used: axios hands back an
			// unparseable body (an HTML page, a cut-off document) as a string.
			if (typeof body === 'string' && body.trim() !== '') return { kind: 'ambiguous', status, unreadable: {} };
			// Readable, but not what the reference documents: asking again would get the same.
			if (expect && !expect.isValid(body)) return { kind: 'final', status, unreadable: { expected: expect.what } };
			return { body };
		}
		return {
			kind: classifyStatus(status),
			status,
			details: { ...describeErrorBody(body, this.api.fieldLabels), location: headers?.location as string | undefined },
			retryAfter: retryAfterMs(headers?.['retry-after']),
		};
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
		throw apiError(this.context.getNode(), { ...spec, secrets: this.run.secrets });
	}

	/**
	 * Looks up what an attempt with an unknown outcome did, the one way both nodes do it: a
	 * lookup that fails itself leaves the outcome unknown.
	 */
	private async resolve(
		lookup: OutcomeLookup<unknown>,
		outcome: Failed,
		attempt: UnknownAttempt,
		signal?: AbortSignal,
	): Promise<Resolution<unknown>> {
		const look = async () => await lookup(attempt);
		const settle = () => settleMs(outcome, this.run.slowestAnswerMs, this.settings.timeoutMs);
		let resolution: Resolution<unknown>;
		try {
			// An API that answered is done with the request: one look tells. Otherwise a request
			// it still holds may land while the node waits to look again.
			resolution = apiAnswered(outcome) ? await look() : await lookTwice(look, settle, signal);
		} catch (error) {
			return { unknown: `looking it up failed too (${(error as Error).message})` };
		}
		if ('absent' in resolution && mayStillLand(outcome)) {
			return { unknown: `nothing is there yet, but ${this.api.name} may still be working on the request` };
		}
		return resolution;
	}

	private failure(outcome: Failed, request: ApiRequest, attempt: number, lookedUp?: string) {
		const tries = attempt > 0 ? ` after ${attempt + 1} attempts` : '';
		const explanation = this.explain(outcome, request);
		const unknown = isUnknown(outcome, request);
		const { effect, check } = request.ifOutcomeUnknown ?? {
			effect: 'the request may have been carried out',
			check: `Check the result in ${this.api.name} before running this item again.`,
		};
		const seen = lookedUp ? ` ${this.api.name} was asked, and ${lookedUp}.` : '';
		const error = apiError(this.context.getNode(), {
			message: unknown ? `${explanation.message}${tries}: ${effect}` : `${explanation.message}${tries}`,
			description: unknown
				? `The outcome is unknown, so the request was not sent again: repeating it could do it twice.${seen} ${check}`
				: explanation.description,
			status: outcome.status,
			code: outcome.networkCode ?? outcome.details?.code,
			itemIndex: request.itemIndex,
			secrets: this.run.secrets,
		});
		return unknown ? markOutcomeUnknown(error) : error;
	}

	private explain(outcome: Failed, request: ApiRequest): Explanation {
		const { name } = this.api;
		if (outcome.networkCode) {
			return {
				message: networkMessage(name, outcome.networkCode, this.settings.timeoutMs),
				description: 'Check the Base URL in the credential and your network, then try again.',
			};
		}
		const status = outcome.status ?? 0;
		if (outcome.unreadable) {
			return {
				message: unreadableMessage(name, status, outcome.unreadable.expected),
				description: 'The API answered successfully but not in the documented form. Try again later, or report it to the API provider.',
			};
		}
		const details: ErrorDetails & { location?: string } = outcome.details ?? {};
		return (
			this.api.explainError?.({ status, details, request }) ??
			defaultExplanation(name, status, details, request.notFound)
		);
	}
}

/** A definite refusal (a 4xx with the API's reason), or undefined for any other failure. */
function refusalOf(outcome: Failed): Refusal | undefined {
	if (outcome.kind !== 'final' || outcome.status === undefined || outcome.unreadable) return undefined;
	const { code, message, hint } = outcome.details ?? {};
	return { status: outcome.status, code, message: [message, hint].filter(Boolean).join(' ') || undefined };
}

/** A create or send that may or may not have been carried out; a success that cannot be used was carried out too. */
function isUnknown(outcome: Failed, request: ApiRequest): boolean {
	return (outcome.kind === 'ambiguous' || outcome.unreadable !== undefined) && request.safety === 'unsafe';
}

/** What every client of one node run shares. */
export interface RunState {
	gate: RateGate;
	credentials?: Promise<ICredentialsDecrypted>;
	/** The credential's secret values, scrubbed from every message. */
	secrets: string[];
	/** The run's concurrency window, told how each request went. */
	congestion?: CongestionSignal;
	/** The longest the API took to answer a request of the run (any status): how long it may take to land one. */
	slowestAnswerMs?: number;
}

export function newRunState(congestion?: CongestionSignal): RunState {
	return { gate: new RateGate(), secrets: [], congestion };
}

