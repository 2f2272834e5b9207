/** Public types of the sandbox. Node and harness code may import these; nothing here imports a node. */

export type ApiName = 'hyperrep' | 'agentry' | 'unknown';

export interface SandboxOptions {
	/** Added to every API response (simulated network latency). Not applied to downloads. */
	latencyMs?: number;
	/** Request logging, default true. Switch off for benchmarks. */
	log?: boolean;
	/** API port; 0 (default) picks a free one. */
	port?: number;
	/** Port of the download listener; 0 (default) picks a free one. */
	downloadPort?: number;
	/** Largest accepted request body in bytes (default 60 MB); larger bodies get 413. */
	maxBodyBytes?: number;
	/** Strict mode (strict.ts): every request is held against the references; what they do not allow goes to `violations`. */
	strict?: boolean;
}

/** A request strict mode found the references do not allow, and why. */
export interface Violation {
	method: string;
	path: string;
	reason: string;
}

export interface LoggedRequest {
	method: string;
	/** Raw path as received on the wire (still percent-encoded), without the query string. */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the raw string if the body is not JSON, or undefined if there was no body. */
	body: unknown;
	/** Status sent; 0 when the socket was destroyed without an answer (reset faults). */
	status: number;
	/** When the request arrived and when its answer (or reset) went out, in ms (`performance.now()`). */
	receivedAt: number;
	answeredAt?: number;
	api: ApiName;
}

export type FaultKind =
	| 'status'
	| 'html'
	| 'empty'
	| 'truncated'
	| 'reset'
	| 'resetAfterProcessing'
	| 'latency'
	| 'body'
	| 'redirect';

export interface FaultRule {
	match?: { method?: string; path?: string | RegExp; api?: 'hyperrep' | 'agentry' };
	/** Apply to the first N matching requests, then stop (default: unlimited). */
	times?: number;
	/** Apply to every Nth matching request (N, 2N, ...), deterministic. */
	every?: number;
	kind: FaultKind;
	/** For status/html/empty/truncated/body (default 500; 200 for truncated and body). */
	status?: number;
	/** Retry-After header value (seconds "2" or an HTTP date). */
	retryAfter?: string;
	/**
	 * For 'reset': the API still carries the request out once this settles, after the connection
	 * was reset (a backend working on after a proxy in front of it dropped the client).
	 */
	landsWhen?: Promise<unknown>;
	/** For latency: extra delay, then the request goes on to later rules and normal processing. */
	delayMs?: number;
	/**
	 * For latency: hold the request, after any delay, until this settles: an API that answers only
	 * when the test says so, so that a client's timeout fires first without racing the clock.
	 */
	until?: Promise<unknown>;
	/** For latency: called when the rule fires, as the request arrives (before any delay or hold). */
	onArrival?: () => void;
	/** For 'body': raw response body, sent as application/json; a function gets the rule's firing count (1, 2, ...). */
	body?: string | ((fired: number) => string);
	/**
	 * For 'body' and 'truncated': the API does the work first, then this answer replaces its own
	 * (a success whose answer is lost or garbled on the way). 'truncated' then cuts the real body,
	 * and both keep the real status unless `status` is set.
	 */
	processed?: boolean;
	/** For 'body': extra response headers (a redirect's Location, say). */
	headers?: Record<string, string>;
	/**
	 * For 'redirect': the origin the request is sent on to, path and query kept (default: the
	 * sandbox's foreign host, `foreignUrl`); `status` defaults to 302.
	 */
	to?: string;
}

/**
 * How the lists page (`sandbox.paging.mode`): `keyset` as documented; `ignoresToken` serves the
 * first page to every request, with a fresh token each time; `repeatsItems` starts each page with
 * the previous page's last item.
 */
export type PagingMode = 'keyset' | 'ignoresToken' | 'repeatsItems';

export interface PagingControl {
	mode: PagingMode;
}

export interface HyperRepChannels {
	email?: boolean;
	text?: boolean;
}

export interface HyperRepDraft {
	draft_id: string;
	subject: string | null;
	body_html: string | null;
	modality: 'email' | 'text';
	agent_id: string | null;
	recipient_name: string | null;
	recipient_email: string | null;
	recipient_phone_number: string | null;
	cc_emails: string[];
	bcc_emails: string[];
	scheduled_send_at: string | null;
	folder: string;
	created_at: string;
}

export interface AgentryInbox {
	inbox_id: string;
	email: string;
	display_name: string;
	created_at: string;
	updated_at: string;
}

export type AgentrySendStatus = 'scheduled' | 'sending' | 'failed';
export type ContentDisposition = 'inline' | 'attachment';

export interface AgentryAttachment {
	attachment_id: string;
	content_disposition?: ContentDisposition;
	content_id?: string;
	content_type?: string;
	filename?: string;
	size: number;
}

export interface AgentryDraft {
	draft_id: string;
	inbox_id: string;
	client_id?: string;
	created_at: string;
	updated_at: string;
	labels: string[];
	to?: string[];
	cc?: string[];
	bcc?: string[];
	reply_to?: string[];
	subject?: string;
	text?: string;
	html?: string;
	preview?: string;
	in_reply_to?: string;
	references?: string[];
	send_at?: string;
	send_status?: AgentrySendStatus;
	attachments: AgentryAttachment[];
}

/** Input of the test-side helper that attaches bytes to a seeded draft. */
export interface AgentryAttachmentInput {
	content?: Buffer;
	url?: string;
	content_disposition?: ContentDisposition;
	content_id?: string;
	content_type?: string;
	filename?: string;
}

/**
 * Test-side control of the sandbox's clock (`sandbox.clock`), which stamps every draft's
 * created_at and updated_at. Running, it follows real time and never stamps two writes alike.
 */
export interface ClockControl {
	/** The current time of the sandbox, ISO 8601. */
	now(): string;
	/**
	 * Stamps the next `writes` writes `ms` ahead of the clock, as a server whose clock runs ahead
	 * would (a draft stamped a day ahead); the clock itself and later writes go on from real time.
	 */
	runAhead(ms: number, writes?: number): void;
	/** Moves the clock forward by `ms` (frozen or running); returns the new time. */
	advance(ms: number): string;
	/** Stamps every write with one instant (now, or a later `at`) until `resume`: drafts that share a timestamp. */
	freeze(at?: string): string;
	/** Runs on from the frozen instant. */
	resume(): void;
}

/** Test-side control of the HyperRep state (`sandbox.hyperrep`). */
export interface HyperRepControl {
	addOrganization(org: { organizationId: string; apiKey: string; channels?: HyperRepChannels }): void;
	setChannels(orgId: string, channels: HyperRepChannels): void;
	seedDrafts(orgId: string, count: number, overrides?: (i: number) => Partial<HyperRepDraft>): HyperRepDraft[];
	addDraft(orgId: string, draft: Partial<HyperRepDraft>): HyperRepDraft;
	markPromoted(draftId: string, conversationId?: string): void;
	addResponseDraft(orgId: string, id?: string): string;
	setSending(draftId: string): void;
	drafts(orgId: string): HyperRepDraft[];
	/** Successful POST creates (for exactly-once checks). */
	createCount: number;
	/**
	 * Send Now drafts are sent and promoted into a conversation as soon as they are created, so
	 * that they leave the list at once (default false: they stay listed, queued).
	 */
	deliverAtOnce: boolean;
}

/** Test-side control of the Agentry state (`sandbox.agentry`). */
export interface AgentryControl {
	addToken(token: string): void;
	seedInboxes(count: number, overrides?: (i: number) => Partial<AgentryInbox>): AgentryInbox[];
	addInbox(inbox: Partial<AgentryInbox> & { draft_only?: boolean }): AgentryInbox;
	setDraftOnly(inboxId: string, draftOnly: boolean): void;
	seedDrafts(inboxId: string, count: number, overrides?: (i: number) => Partial<AgentryDraft>): AgentryDraft[];
	addDraft(inboxId: string, draft: Partial<AgentryDraft>): AgentryDraft;
	/** Attaches bytes (or a url) to an existing draft without going through HTTP. */
	addAttachment(draftId: string, attachment: AgentryAttachmentInput): AgentryAttachment;
	/** Sets send_status as Agentry's scheduler would; updated_at stays (see `touchDraft`). */
	setSendStatus(draftId: string, status: AgentrySendStatus): void;
	/** Stamps the draft updated now, as a change outside the API does; it moves to the head of the list. */
	touchDraft(draftId: string): AgentryDraft;
	drafts(inboxId: string): AgentryDraft[];
	attachmentBytes(attachmentId: string): Buffer | undefined;
	/** Lifetime of download URLs in ms (default 1 h); lower it to test expiry. */
	downloadTtlMs: number;
	createCount: number;
	sendCount: number;
}

/** A request held on arrival (`sandbox.hold`). */
export interface HeldRequest {
	/** Resolves when the held request has arrived. */
	arrived: Promise<void>;
	/** Lets it go on to be processed. */
	release(): void;
}

export interface FaultControl {
	/** Rules are checked in order for each API request (downloads only when match.path matches). */
	add(rule: FaultRule): void;
	clear(): void;
}

/** How the sandbox behaves at its capacity (`sandbox.capacity.set`); every setting optional. */
export interface CapacitySettings {
	/** Requests worked on at once; the others wait in line, first come first served (needs `serviceMs`). */
	workers?: number;
	/** How long a worker takes per request: `workers` × 1000 / `serviceMs` requests a second. */
	serviceMs?: number;
	/** Connections open at once; a further connection is reset before its request is read. */
	maxConnections?: number;
}

export interface CapacityStats {
	/** Connections reset for being over `maxConnections`. */
	connectionsReset: number;
	/** The longest line of requests waiting for a worker. */
	queuedMost: number;
	/** The most requests the workers had in hand at once. */
	workingMost: number;
	openConnections: number;
	/** Requests with a worker or in line now, including those whose client gave up waiting. */
	inService: number;
}

export interface CapacityControl {
	set(settings: CapacitySettings): void;
	/** Back to no limit; requests waiting in line are served at once. */
	clear(): void;
	stats(): CapacityStats;
}
