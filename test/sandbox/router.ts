import type { IncomingHttpHeaders } from 'node:http';
import type { ApiResponse } from './http';

/** A tiny segment router: literal segments and `:param` segments, nothing else. */

export interface RequestContext {
	method: string;
	params: Record<string, string>;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: unknown;
	/** A body was sent but it is not JSON. */
	invalidJson: boolean;
}

export type Handler = (ctx: RequestContext) => ApiResponse;

export interface Route {
	segments: string[];
	methods: Partial<Record<string, Handler>>;
}

export type RouteMatch =
	| { kind: 'found'; handler: Handler; params: Record<string, string> }
	| { kind: 'methodNotAllowed'; allowed: string[] }
	| { kind: 'notFound' };

export function route(pattern: string, methods: Record<string, Handler>): Route {
	return { segments: pattern.split('/').filter((s) => s !== ''), methods };
}

/** `path` holds already-decoded segments, so an id containing `/` stays one segment. */
export function matchRoute(routes: Route[], path: string[], method: string): RouteMatch {
	for (const r of routes) {
		if (r.segments.length !== path.length) continue;
		const params: Record<string, string> = {};
		let ok = true;
		for (let i = 0; i < path.length && ok; i++) {
			const seg = r.segments[i];
			if (seg.startsWith(':')) {
				if (path[i] === '') ok = false;
				else params[seg.slice(1)] = path[i];
			} else if (seg !== path[i]) {
				ok = false;
			}
		}
		if (!ok) continue;
		const handler = Object.prototype.hasOwnProperty.call(r.methods, method) ? r.methods[method] : undefined;
		if (handler) return { kind: 'found', handler, params };
		return { kind: 'methodNotAllowed', allowed: Object.keys(r.methods) };
	}
	return { kind: 'notFound' };
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}
