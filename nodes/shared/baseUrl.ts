import type { IHttpRequestOptions } from 'n8n-workflow';

import { quote } from './quote';

/**
 * A credential's Base URL: an http(s) origin plus an optional path prefix. One reading for the
 * nodes, which refuse a bad one before any request, and for the credentials' `authenticate`, which
 * the "Test" button runs too.
 */
export type BaseUrl = { ok: true; root: string; origin: string } | { ok: false; message: string; advice: string };

const ROOT_EXAMPLE = 'e.g. https://api.example.com';

/** `scheme://` followed by an authority that holds an `@`: a user name or password. */
const USERINFO = /^[a-z][\d+.a-z-]*:\/\/[^#/?@]*@/i;

/**
 * Reads a Base URL. Refused: anything but an http(s) URL; a query or fragment, which would
 * swallow the API's routes (`https://host/?x` + `/human/v0/…` is a request for `/`); and a user
 * name or password, with which axios replaces the credential's own Authorization header by Basic
 * auth or sends the gateway password on to the API. A Base URL that goes on into the API's own
 * routes (`…/human/v0`, `…/api/v2/organizations/…`, as pasted from the API's docs) is trimmed back
 * to the root before them.
 */
export function readBaseUrl(baseUrl: string, rootPath: string, credentialName: string): BaseUrl {
	const text = baseUrl.trim();
	const field = `The ${credentialName} credential's Base URL`;
	if (USERINFO.test(text)) {
		return {
			ok: false,
			message: `${field} contains a user name or password before the host ("user:password@"), which is not supported`,
			advice:
				'Remove "user:password@": the API is authenticated by the credential alone. A gateway that requires Basic auth in front of the API is not supported: its Basic header would replace the credential\'s Bearer token, or its password would travel to the API with every request. Admit n8n at the gateway another way, e.g. an IP allow-list.',
		};
	}
	if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
		// Whatever stands before an `@` may be a password: it is not quoted.
		const shown = text.includes('@') ? `…${text.slice(text.lastIndexOf('@'))}` : text;
		return { ok: false, message: `${field} ${quote(shown)} is not an http(s) URL`, advice: `Open the credential and enter the API root, ${ROOT_EXAMPLE}.` };
	}
	const part = text.includes('?') ? 'a query ("?…")' : text.includes('#') ? 'a fragment ("#…")' : undefined;
	if (part) {
		return {
			ok: false,
			message: `${field} has ${part}, which would hide the API's routes from the server`,
			advice: `Remove everything from "${part.charAt(part.indexOf('"') + 1)}" on: the Base URL is the API root, ${ROOT_EXAMPLE}.`,
		};
	}
	const url = new URL(text);
	// The lookbehind keeps this linear: a run of slashes is tried once, not from each of its slashes.
	const path = url.pathname.replace(/(?<!\/)\/+$/, '');
	return { ok: true, root: url.origin + trimRootPath(path, rootPath), origin: url.origin };
}

/** A path that goes on into the API's own routes, cut back to before them. */
function trimRootPath(path: string, rootPath: string): string {
	const at = path.toLowerCase().indexOf(rootPath.toLowerCase());
	const next = path.charAt(at + rootPath.length);
	return at >= 0 && (next === '' || next === '/') ? path.slice(0, at) : path;
}

/**
 * A credential's `authenticate`: adds its header to a request for its Base URL, and refuses any
 * other target (the HTTP Request node can use these credentials with any URL).
 */
export function authenticateFor(
	baseUrl: unknown,
	rootPath: string,
	credentialName: string,
	request: IHttpRequestOptions,
	header: Record<string, string>,
): IHttpRequestOptions {
	const base = readBaseUrl(String(baseUrl ?? ''), rootPath, credentialName);
	if (!base.ok) throw new Error(`${base.message}. ${base.advice}`);
	const target = URL.canParse(request.url, request.baseURL) ? new URL(request.url, request.baseURL) : undefined;
	if (target?.origin !== base.origin || target.username !== '' || target.password !== '') {
		throw new Error(
			`The ${credentialName} credential is only sent to its Base URL's host (${base.origin}), not to ${target?.origin ?? 'this address'}`,
		);
	}
	return { ...request, headers: { ...request.headers, ...header } };
}
