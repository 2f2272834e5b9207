import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AGENTRY_PREFIX, agentryMethodNotAllowed, agentryNotFound, agentryRoutes } from './agentry';
import { AgentryState, DEFAULT_AGENTRY_TOKEN } from './agentryState';
import { agentryError } from './agentryValidation';
import { Capacity } from './capacity';
import { DownloadSigner, downloadNotFound, downloadRoutes } from './downloads';
import { faultResponse, Faults, truncatedPayload } from './faults';
import { parseBody, parseTarget, readBody, sleep, splitPath, writeResponse, type ApiResponse } from './http';
import { HYPERREP_PREFIX, hyperrepError, hyperrepMethodNotAllowed, hyperrepNotFound, hyperrepRoutes } from './hyperrep';
import { DEFAULT_HYPERREP_API_KEY, DEFAULT_HYPERREP_ORG_ID, HyperRepState } from './hyperrepState';
import { Paging } from './paging';
import { matchRoute, type Route } from './router';
import { Clock } from './state';
import { requestViolations, responseViolation, violationsOf } from './strict';
import type {
	AgentryControl,
	ApiName,
	CapacityControl,
	ClockControl,
	FaultControl,
	FaultRule,
	HeldRequest,
	HyperRepControl,
	LoggedRequest,
	PagingControl,
	SandboxOptions,
	Violation,
} from './types';

export * from './types';

const DEFAULT_MAX_BODY_BYTES = 60 * 1024 * 1024;

/** How one listener turns a request into a response. */
interface Listener {
	/** Download listener: own log, no global latency, faults only by explicit path. */
	download: boolean;
	classify(rawPath: string): ApiName;
	dispatch(api: ApiName, method: string, rawPath: string, segments: string[], input: DispatchInput): ApiResponse;
}

interface DispatchInput {
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	body: unknown;
	invalidJson: boolean;
}

function classify(rawPath: string): ApiName {
	if (rawPath.startsWith(HYPERREP_PREFIX)) return 'hyperrep';
	if (rawPath.startsWith(AGENTRY_PREFIX)) return 'agentry';
	return 'unknown';
}

/** 413 and 500 in the API's own error shape. */
function errorFor(api: ApiName, status: 413 | 500, message: string): ApiResponse {
	if (api === 'agentry') {
		const [name, code] = status === 413 ? ['PayloadTooLargeError', 'payload_too_large'] : ['InternalServerError', 'internal_error'];
		return agentryError(status, name, code, message);
	}
	return hyperrepError(status, message);
}

function listen(server: Server, port: number, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			const address = server.address();
			resolve(typeof address === 'object' && address ? address.port : port);
		});
	});
}

function close(server: Server): Promise<void> {
	return new Promise((resolve) => {
		server.closeAllConnections();
		server.close(() => resolve());
	});
}

/**
 * HTTP sandbox of the HyperRep and Agentry APIs, for tests, the demo and the bench.
 * `url` serves both APIs; `downloadUrl` is a second origin that serves signed attachment downloads.
 */
export class Sandbox {
	static readonly HYPERREP_API_KEY = DEFAULT_HYPERREP_API_KEY;
	static readonly HYPERREP_ORG_ID = DEFAULT_HYPERREP_ORG_ID;
	static readonly AGENTRY_TOKEN = DEFAULT_AGENTRY_TOKEN;

	url = '';
	downloadUrl = '';
	/**
	 * A third origin, standing for a host other than the Base URL's (an SSO page, a parked
	 * domain): it answers every request with `{}` and logs it in `foreignLog`, headers included.
	 * A `redirect` fault sends requests on to it.
	 */
	foreignUrl = '';
	log: LoggedRequest[] = [];
	downloadLog: LoggedRequest[] = [];
	foreignLog: LoggedRequest[] = [];
	/** In strict mode, the requests the references do not allow (strict.ts); cleared with the log. */
	violations: Violation[] = [];
	/** Request logging on/off at runtime (both logs). */
	logEnabled: boolean;
	latencyMs: number;

	readonly hyperrep: HyperRepControl;
	readonly agentry: AgentryControl;
	readonly faults: FaultControl;
	readonly clock: ClockControl;
	/** Queueing and a connection cap, off until set. */
	readonly capacity: CapacityControl;
	readonly paging: PagingControl;

	private readonly clockState = new Clock();
	private readonly hyperrepState: HyperRepState;
	private readonly agentryState: AgentryState;
	private readonly faultRules = new Faults();
	private readonly capacityState = new Capacity();
	private readonly pagingMode = new Paging();
	/** Releases of the requests `hold` set up, all called on reset so that none stays held. */
	private releases: Array<() => void> = [];
	private readonly maxBodyBytes: number;
	private readonly apiRoutes: { hyperrep: Route[]; agentry: Route[] };
	private readonly fileRoutes: Route[];
	private readonly servers: Server[] = [];
	private readonly apiListener: Listener;
	private readonly downloadListener: Listener;

	private constructor(private readonly options: SandboxOptions) {
		const clock = this.clockState;
		this.clock = clock;
		this.hyperrepState = new HyperRepState(clock);
		this.agentryState = new AgentryState(clock);
		this.hyperrep = this.hyperrepState;
		this.agentry = this.agentryState;
		this.faults = this.faultRules;
		this.capacity = this.capacityState;
		this.paging = this.pagingMode;
		this.logEnabled = options.log ?? true;
		this.latencyMs = options.latencyMs ?? 0;
		this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
		const signer = new DownloadSigner();
		this.apiRoutes = {
			hyperrep: hyperrepRoutes(this.hyperrepState, this.pagingMode),
			agentry: agentryRoutes(this.agentryState, signer, () => this.downloadUrl, this.pagingMode),
		};
		this.fileRoutes = downloadRoutes(this.agentryState, signer);
		this.apiListener = this.makeApiListener();
		this.downloadListener = this.makeDownloadListener();
	}

	static async start(options: SandboxOptions = {}): Promise<Sandbox> {
		const sandbox = new Sandbox(options);
		await sandbox.listenAll();
		return sandbox;
	}

	async stop(): Promise<void> {
		const servers = this.servers.splice(0);
		await Promise.all(servers.map(close));
	}

	/**
	 * Holds the `nth` request from now on that matches (as a fault rule's `match`) on arrival until
	 * released: a latency rule with `until`, which also says when the request arrived.
	 */
	hold(match?: FaultRule['match'], nth = 1): HeldRequest {
		let release = () => {};
		const released = new Promise<void>((resolve) => (release = resolve));
		this.releases.push(release);
		const arrived = new Promise<void>((resolve) => {
			this.faultRules.add({ kind: 'latency', match, every: nth, times: 1, until: released, onArrival: resolve });
		});
		return { arrived, release };
	}

	clearLog(): void {
		this.log = [];
		this.downloadLog = [];
		this.foreignLog = [];
		this.violations = [];
	}

	/** Back to the default seed and real time; clears faults, capacity limits, the log and counters; latency back to the start option. */
	reset(): void {
		this.clockState.reset();
		this.hyperrepState.reset();
		this.agentryState.reset();
		this.faultRules.clear();
		this.capacityState.clear();
		this.pagingMode.reset();
		for (const release of this.releases.splice(0)) release();
		this.clearLog();
		this.latencyMs = this.options.latencyMs ?? 0;
	}

	private async listenAll(): Promise<void> {
		const api = createServer((req, res) => this.serve(req, res, this.apiListener));
		api.on('connection', (socket) => this.capacityState.connection(socket));
		this.servers.push(api);
		const port = await listen(api, this.options.port ?? 0, '127.0.0.1');
		this.url = `http://127.0.0.1:${port}`;

		const files = createServer((req, res) => this.serve(req, res, this.downloadListener));
		this.servers.push(files);
		const filePort = await listen(files, this.options.downloadPort ?? 0, '127.0.0.1');
		this.downloadUrl = `http://localhost:${filePort}`;
		const foreign = createServer((req, res) => this.serveForeign(req, res));
		this.servers.push(foreign);
		this.foreignUrl = `http://127.0.0.1:${await listen(foreign, 0, '127.0.0.1')}`;

		// `localhost` may resolve to ::1 first on some hosts; answer there too when possible.
		const files6 = createServer((req, res) => this.serve(req, res, this.downloadListener));
		try {
			await listen(files6, filePort, '::1');
			this.servers.push(files6);
		} catch {
			// No IPv6 loopback (or port taken there): IPv4 alone is fine.
		}
	}

	private makeApiListener(): Listener {
		return {
			download: false,
			classify,
			dispatch: (apiName, method, rawPath, segments, input) => {
				const routes = apiName === 'unknown' ? [] : this.apiRoutes[apiName];
				const match = matchRoute(routes, segments, method);
				if (match.kind === 'notFound') {
					return apiName === 'agentry' ? agentryNotFound(rawPath) : hyperrepNotFound();
				}
				if (match.kind === 'methodNotAllowed') {
					return apiName === 'agentry'
						? agentryMethodNotAllowed(method, match.allowed)
						: hyperrepMethodNotAllowed(match.allowed);
				}
				return match.handler({ method, params: match.params, ...input });
			},
		};
	}

	private makeDownloadListener(): Listener {
		return {
			download: true,
			classify: () => 'agentry',
			dispatch: (_api, method, _rawPath, segments, input) => {
				const match = matchRoute(this.fileRoutes, segments, method);
				if (match.kind === 'found') return match.handler({ method, params: match.params, ...input });
				if (match.kind === 'methodNotAllowed') return { status: 405, headers: { Allow: 'GET' } };
				return downloadNotFound();
			},
		};
	}

	/** The foreign host: logs what reached it and answers `{}`, so a client that follows a redirect there carries on. */
	private serveForeign(req: IncomingMessage, res: ServerResponse): void {
		const { rawPath, query } = parseTarget(req.url);
		const done = (body: unknown) => {
			const entry: LoggedRequest = {
				method: (req.method ?? 'GET').toUpperCase(),
				path: rawPath,
				query,
				headers: { ...req.headers },
				body,
				status: 200,
				api: 'unknown',
				receivedAt: performance.now(),
			};
			this.foreignLog.push(entry);
			writeResponse(res, { status: 200, json: {} });
		};
		readBody(req, this.maxBodyBytes).then(
			(read) => done(read.tooLarge ? undefined : parseBody(read.data).body),
			() => req.socket.destroy(),
		);
	}

	private serve(req: IncomingMessage, res: ServerResponse, listener: Listener): void {
		this.handle(req, res, listener).catch(() => {
			// The client went away mid-request (or a bug): drop the connection rather than hang it.
			req.socket.destroy();
		});
	}

	private async handle(req: IncomingMessage, res: ServerResponse, listener: Listener): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const { rawPath, query } = parseTarget(req.url);
		const api = listener.classify(rawPath);
		const read = await readBody(req, this.maxBodyBytes);
		const parsed = read.tooLarge ? { body: undefined, invalidJson: false } : parseBody(read.data);
		const entry: LoggedRequest = {
			method,
			path: rawPath,
			query,
			headers: { ...req.headers },
			body: parsed.body,
			status: 0,
			api,
			receivedAt: performance.now(),
		};
		res.on('close', () => {
			entry.answeredAt = performance.now();
		});
		// Log on arrival so the log keeps request order even when responses overlap.
		if (this.logEnabled) (listener.download ? this.downloadLog : this.log).push(entry);
		const strict = this.options.strict === true && !listener.download;
		if (strict) this.violations.push(...violationsOf(entry, requestViolations(entry, this.clockState.current())));

		if (read.tooLarge) {
			entry.status = 413;
			if (strict) this.violations.push(...violationsOf(entry, [`a body over ${this.maxBodyBytes} bytes`]));
			res.on('finish', () => req.socket.destroy());
			writeResponse(res, { ...errorFor(api, 413, `Request body exceeds ${this.maxBodyBytes} bytes`), headers: { Connection: 'close' } });
			return;
		}

		// In line for a worker when the sandbox queues; the log counts the wait as time in flight.
		if (!listener.download) await this.capacityState.serve();
		const decision = this.faultRules.decide({ method, path: rawPath, api, download: listener.download });
		const wait = (listener.download ? 0 : this.latencyMs) + decision.delayMs;
		if (wait > 0) await sleep(wait);
		await Promise.all(decision.holds);

		const fault = decision.terminal;
		const processedFirst = fault?.kind === 'resetAfterProcessing' || fault?.processed === true;
		const dispatch = (): ApiResponse => {
			try {
				return listener.dispatch(api, method, rawPath, splitPath(rawPath), {
					query,
					headers: req.headers,
					body: parsed.body,
					invalidJson: parsed.invalidJson,
				});
			} catch (error) {
				return errorFor(api, 500, `Sandbox handler failed: ${error instanceof Error ? error.message : String(error)}`);
			}
		};
		if (fault && !processedFirst) {
			this.applyFault(fault, api, req, res, entry, decision.fired);
			if (fault.kind === 'reset' && fault.landsWhen) void fault.landsWhen.then(dispatch);
			return;
		}
		const response = dispatch();
		if (fault?.kind === 'resetAfterProcessing') {
			// The work is done, the answer never arrives.
			req.socket.destroy();
			return;
		}
		if (fault) {
			// The work is done, and the answer is replaced on its way back.
			this.applyFault({ status: response.status, ...fault }, api, req, res, entry, decision.fired, response);
			return;
		}
		entry.status = response.status;
		const refused = strict ? responseViolation(response) : undefined;
		if (refused) this.violations.push(...violationsOf(entry, [refused]));
		writeResponse(res, response);
	}

	private applyFault(
		fault: FaultRule,
		api: ApiName,
		req: IncomingMessage,
		res: ServerResponse,
		entry: LoggedRequest,
		fired?: number,
		processed?: ApiResponse,
	): void {
		if (fault.kind === 'redirect') {
			entry.status = fault.status ?? 302;
			writeResponse(res, { status: entry.status, headers: { Location: `${fault.to ?? this.foreignUrl}${req.url ?? '/'}` } });
			return;
		}
		if (fault.kind === 'reset') {
			req.socket.destroy();
			return;
		}
		if (fault.kind === 'truncated') {
			// Announce the full length, send half, then drop the connection: the client sees a cut-off body.
			const full = processed?.json === undefined ? truncatedPayload() : JSON.stringify(processed.json);
			entry.status = fault.status ?? 200;
			res.writeHead(entry.status, {
				'Content-Type': 'application/json',
				'Content-Length': Buffer.byteLength(full),
				...(fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter }),
			});
			res.write(full.slice(0, Math.floor(full.length / 2)), () => req.socket.destroy());
			return;
		}
		const response = faultResponse(fault, api, fired);
		entry.status = response.status;
		writeResponse(res, response);
	}
}
