import type { IncomingMessage, ServerResponse } from 'node:http';

/** Transport primitives: request target parsing, body reading, response writing. */

export interface ApiResponse {
	status: number;
	headers?: Record<string, string>;
	/** Serialized as application/json. */
	json?: unknown;
	/** Sent as-is (content-type from headers). Takes precedence over json. */
	raw?: Buffer | string;
}

export interface Target {
	/** Path exactly as received, still percent-encoded. */
	rawPath: string;
	query: Record<string, string>;
}

/**
 * Splits the request target by hand: WHATWG URL would resolve `..` and `%2e%2e` segments, which must
 * reach the router untouched so they end up as "not found" ids, never as another route.
 */
export function parseTarget(url: string | undefined): Target {
	const target = url ?? '/';
	const q = target.indexOf('?');
	const rawPath = q === -1 ? target : target.slice(0, q);
	const query: Record<string, string> = {};
	if (q !== -1) {
		for (const [key, value] of new URLSearchParams(target.slice(q + 1))) {
			if (!(key in query)) query[key] = value; // first occurrence wins
		}
	}
	return { rawPath, query };
}

/** Path segments, each percent-decoded exactly once (a malformed escape stays raw). */
export function splitPath(rawPath: string): string[] {
	const parts = rawPath.split('/');
	if (parts[0] === '') parts.shift();
	return parts.map((part) => {
		try {
			return decodeURIComponent(part);
		} catch {
			return part;
		}
	});
}

export type BodyResult = { tooLarge: false; data: Buffer } | { tooLarge: true };

export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			if (tooLarge) return;
			size += chunk.length;
			if (size > maxBytes) {
				tooLarge = true;
				chunks.length = 0;
				resolve({ tooLarge: true });
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			if (!tooLarge) resolve({ tooLarge: false, data: Buffer.concat(chunks, size) });
		});
		req.on('error', reject);
	});
}

export interface ParsedBody {
	body: unknown;
	invalidJson: boolean;
}

export function parseBody(data: Buffer): ParsedBody {
	if (data.length === 0) return { body: undefined, invalidJson: false };
	const text = data.toString('utf8');
	try {
		return { body: JSON.parse(text) as unknown, invalidJson: false };
	} catch {
		return { body: text, invalidJson: true };
	}
}

export function writeResponse(res: ServerResponse, response: ApiResponse): void {
	const headers: Record<string, string | number> = { ...response.headers };
	let payload: Buffer | string | undefined = response.raw;
	if (payload === undefined && response.json !== undefined) {
		payload = JSON.stringify(response.json);
		headers['Content-Type'] = 'application/json';
	}
	// 204/304 must not carry a body or a Content-Length.
	if (response.status === 204 || response.status === 304) {
		res.writeHead(response.status, headers);
		res.end();
		return;
	}
	if (payload === undefined) payload = '';
	headers['Content-Length'] = Buffer.byteLength(payload);
	res.writeHead(response.status, headers);
	res.end(payload);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
	return { status, json: body, headers };
}

export function empty(status: number): ApiResponse {
	return { status };
}
