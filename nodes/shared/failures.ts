import type { ErrorDetails } from './errors';
import type { FailureKind } from './retry';

/** How one attempt failed. */
export interface Failed {
	kind: FailureKind;
	status?: number;
	details?: ErrorDetails & { location?: string };
	retryAfter?: number;
	networkCode?: string;
	/** A success status whose body could not be read, or is not what the reference documents. */
	unreadable?: { expected?: string };
}

export interface Explanation {
	message: string;
	description?: string;
}

/** What a system error code means for the user. */
export function networkMessage(name: string, code: string, timeoutMs: number): string {
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

/** A success status with a body the node cannot use. */
export function unreadableMessage(name: string, status: number, expected?: string): string {
	return expected
		? `${name} answered HTTP ${status} with an unexpected response: expected ${expected}`
		: `${name} answered HTTP ${status} with a response that is not valid JSON`;
}

/** The shared wording of an HTTP failure, where the API's own explanation has none. */
export function defaultExplanation(
	name: string,
	status: number,
	details: ErrorDetails & { location?: string },
	notFound?: string,
): Explanation {
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
	if (status === 404 && notFound) {
		return { message: notFound, description: [details.message, details.hint].filter(Boolean).join(' — ') || undefined };
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
