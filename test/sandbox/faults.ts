import { agentryError } from './agentryValidation';
import { hyperrepError } from './hyperrep';
import type { ApiResponse } from './http';
import type { ApiName, FaultControl, FaultKind, FaultRule } from './types';

/**
 * Fault injection. Rules are evaluated in order when a request arrives (so counting is deterministic
 * even for concurrent requests). 'latency' rules add delay and let evaluation continue; the first other
 * rule that fires decides the outcome and later rules are not consulted (nor counted).
 */

const KINDS: FaultKind[] = [
	'status',
	'html',
	'empty',
	'truncated',
	'reset',
	'resetAfterProcessing',
	'latency',
	'body',
	'redirect',
];

interface ActiveRule {
	rule: FaultRule;
	/** Matching requests seen so far. */
	seen: number;
	/** Times the rule fired. */
	fired: number;
}

export interface FaultRequest {
	method: string;
	path: string;
	api: ApiName;
	/** Download-listener requests only match rules that name a path. */
	download: boolean;
}

export interface FaultDecision {
	delayMs: number;
	/** What latency rules hold the request until (`until`). */
	holds: Array<Promise<unknown>>;
	terminal?: FaultRule;
	/** How often the terminal rule has fired, this time included. */
	fired?: number;
}

export class Faults implements FaultControl {
	private rules: ActiveRule[] = [];

	add(rule: FaultRule): void {
		if (!KINDS.includes(rule.kind)) throw new Error(`Sandbox: unknown fault kind '${String(rule.kind)}'`);
		if (rule.every !== undefined && (!Number.isInteger(rule.every) || rule.every < 1)) {
			throw new Error('Sandbox: fault.every must be a positive integer');
		}
		if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 0)) {
			throw new Error('Sandbox: fault.times must be a non-negative integer');
		}
		this.rules.push({ rule, seen: 0, fired: 0 });
	}

	clear(): void {
		this.rules = [];
	}

	decide(req: FaultRequest): FaultDecision {
		let delayMs = 0;
		const holds: Array<Promise<unknown>> = [];
		for (const active of this.rules) {
			if (!matches(active.rule, req)) continue;
			active.seen++;
			const { every, times } = active.rule;
			if (every !== undefined && active.seen % every !== 0) continue;
			if (times !== undefined && active.fired >= times) continue;
			active.fired++;
			if (active.rule.kind === 'latency') {
				delayMs += active.rule.delayMs ?? 0;
				if (active.rule.until) holds.push(active.rule.until);
				active.rule.onArrival?.();
				continue;
			}
			return { delayMs, holds, terminal: active.rule, fired: active.fired };
		}
		return { delayMs, holds };
	}
}

function matches(rule: FaultRule, req: FaultRequest): boolean {
	const m = rule.match;
	if (req.download && m?.path === undefined) return false;
	if (!m) return true;
	if (m.method !== undefined && m.method.toUpperCase() !== req.method) return false;
	if (m.api !== undefined && m.api !== req.api) return false;
	if (m.path instanceof RegExp) {
		m.path.lastIndex = 0; // a /g or /y regexp would otherwise carry state between requests
		if (!m.path.test(req.path)) return false;
	} else if (m.path !== undefined && !req.path.includes(m.path)) {
		return false;
	}
	return true;
}

const STATUS_NAMES: Record<number, [string, string]> = {
	400: ['ValidationError', 'bad_request'],
	401: ['UnauthorizedError', 'unauthorized'],
	403: ['ForbiddenError', 'forbidden'],
	404: ['NotFoundError', 'not_found'],
	409: ['ConflictError', 'conflict'],
	429: ['RateLimitError', 'rate_limited'],
	500: ['InternalServerError', 'internal_error'],
	502: ['BadGatewayError', 'bad_gateway'],
	503: ['ServiceUnavailableError', 'service_unavailable'],
	504: ['GatewayTimeoutError', 'gateway_timeout'],
};

function retryHeaders(rule: FaultRule): Record<string, string> {
	return rule.retryAfter === undefined ? {} : { 'Retry-After': rule.retryAfter };
}

/** A JSON error in the API's own error shape (used by 'status' faults). */
function apiErrorBody(api: ApiName, status: number, headers: Record<string, string>): ApiResponse {
	const message = `Simulated fault: HTTP ${status}`;
	if (api === 'agentry') {
		const [name, code] = STATUS_NAMES[status] ?? ['Error', 'error'];
		return agentryError(status, name, code, message, undefined, headers);
	}
	return hyperrepError(status, status === 429 ? 'Too Many Requests' : message, headers);
}

/** Responses for the faults that answer normally (everything but truncated and the resets). */
export function faultResponse(rule: FaultRule, api: ApiName, fired = 1): ApiResponse {
	const headers = retryHeaders(rule);
	switch (rule.kind) {
		case 'html': {
			const status = rule.status ?? 500;
			const raw = `<!DOCTYPE html>\n<html><head><title>${status} Error</title></head><body><h1>${status} Error</h1><p>The upstream server is temporarily unavailable.</p></body></html>\n`;
			return { status, raw, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } };
		}
		case 'empty':
			return { status: rule.status ?? 500, raw: '', headers };
		case 'body':
			return {
				status: rule.status ?? 200,
				raw: typeof rule.body === 'function' ? rule.body(fired) : (rule.body ?? ''),
				headers: { ...headers, 'Content-Type': 'application/json', ...rule.headers },
			};
		default:
			return apiErrorBody(api, rule.status ?? 500, headers);
	}
}

/** A JSON document to cut in half for 'truncated' faults. */
export function truncatedPayload(): string {
	const rows = Array.from({ length: 8 }, (_, i) => ({ id: `truncated_${i}`, note: 'this body is cut off mid-stream' }));
	return JSON.stringify({ data: rows, pagination: { has_more: false } });
}
