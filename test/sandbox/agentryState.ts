import { Clock, newId, timestampMs } from './state';
import { SortedIndex, type SortKey } from './sortedIndex';
import type {
	AgentryAttachment,
	AgentryAttachmentInput,
	AgentryControl,
	AgentryDraft,
	AgentryInbox,
	AgentrySendStatus,
} from './types';

/** In-memory Agentry: tokens, inboxes, drafts and attachment bytes. */

export const DEFAULT_AGENTRY_TOKEN = 'agt_test_token_0123456789';

export type DraftFields = Omit<AgentryDraft, 'attachments'>;

export interface StoredAttachment {
	meta: AgentryAttachment;
	bytes: Buffer;
	url?: string;
}

export interface AgentryDraftRecord extends SortKey {
	draft: DraftFields;
	attachments: Map<string, StoredAttachment>;
	inbox: InboxRecord;
}

export interface InboxRecord extends SortKey {
	inbox: AgentryInbox;
	draftOnly: boolean;
	drafts: Map<string, AgentryDraftRecord>;
	/** updated_at descending, ties by draft_id. */
	order: SortedIndex<AgentryDraftRecord>;
	/** client_id -> draft_id, for idempotent creates. */
	clientIds: Map<string, string>;
}

/** Fields PATCH may change; an empty string or list clears a field. */
export type DraftPatch = Partial<Record<'bcc' | 'cc' | 'reply_to' | 'to', string[]>> &
	Partial<Record<'html' | 'send_at' | 'subject' | 'text', string>>;

const LIST_FIELDS = [
	'bcc', 'cc', 'draft_id', 'in_reply_to', 'inbox_id', 'labels', 'preview', 'send_at', 'send_status', 'subject', 'to', 'updated_at',
] as const;

const PREVIEW_LENGTH = 200;

/** Text preview from the plain body, else from the HTML with tags stripped. */
export function makePreview(text: string | undefined, html: string | undefined): string | undefined {
	let source = text;
	if ((source === undefined || source.trim() === '') && html !== undefined) {
		source = html
			.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
			.replace(/<[^>]*>/g, ' ')
			.replace(/&nbsp;/g, ' ')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&#39;/g, "'")
			.replace(/&amp;/g, '&');
	}
	if (source === undefined) return undefined;
	const compact = source.replace(/\s+/g, ' ').trim();
	return compact === '' ? undefined : compact.slice(0, PREVIEW_LENGTH);
}

const MIME_BY_EXTENSION: Record<string, string> = {
	pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif',
	txt: 'text/plain', csv: 'text/csv', html: 'text/html', json: 'application/json', zip: 'application/zip',
};

function guessContentType(filename: string | undefined): string {
	const ext = filename?.split('.').pop()?.toLowerCase() ?? '';
	return MIME_BY_EXTENSION[ext] ?? 'application/octet-stream';
}

export class AgentryState implements AgentryControl {
	createCount = 0;
	sendCount = 0;
	downloadTtlMs = 3_600_000;
	private readonly tokens = new Set<string>();
	private readonly inboxes = new Map<string, InboxRecord>();
	private readonly inboxOrder = new SortedIndex<InboxRecord>();
	private readonly draftIndex = new Map<string, AgentryDraftRecord>();
	private readonly attachmentIndex = new Map<string, AgentryDraftRecord>();
	private inboxSeq = 0;

	constructor(private readonly clock: Clock) {
		this.reset();
	}

	/** Back to the default seed: the sample token, no inboxes. */
	reset(): void {
		this.tokens.clear();
		this.inboxes.clear();
		this.inboxOrder.clear();
		this.draftIndex.clear();
		this.attachmentIndex.clear();
		this.createCount = 0;
		this.sendCount = 0;
		this.downloadTtlMs = 3_600_000;
		this.tokens.add(DEFAULT_AGENTRY_TOKEN);
	}

	addToken(token: string): void {
		this.tokens.add(token);
	}

	hasToken(token: string): boolean {
		return this.tokens.has(token);
	}

	seedInboxes(count: number, overrides?: (i: number) => Partial<AgentryInbox>): AgentryInbox[] {
		const out: AgentryInbox[] = [];
		for (let i = 0; i < count; i++) out.push(this.addInbox(overrides?.(i) ?? {}));
		return out;
	}

	/** inbox_id defaults to the email address (Agentry inbox ids are addresses, so they contain `@`). */
	addInbox(partial: Partial<AgentryInbox> & { draft_only?: boolean }): AgentryInbox {
		const { draft_only: draftOnly, ...fields } = partial;
		const n = ++this.inboxSeq;
		const now = this.clock.nowIso();
		const email = fields.email ?? fields.inbox_id ?? `inbox-${n}@agentry.test`;
		const inbox: AgentryInbox = {
			inbox_id: email,
			email,
			display_name: `Inbox ${n}`,
			created_at: now,
			updated_at: now,
			...fields,
		};
		if (this.inboxes.has(inbox.inbox_id)) throw new Error(`Sandbox: duplicate inbox id ${inbox.inbox_id}`);
		const record: InboxRecord = {
			t: timestampMs(inbox.created_at, 'created_at'),
			id: inbox.inbox_id,
			inbox,
			draftOnly: draftOnly ?? false,
			drafts: new Map(),
			order: new SortedIndex(),
			clientIds: new Map(),
		};
		this.inboxes.set(inbox.inbox_id, record);
		this.inboxOrder.insert(record);
		return { ...inbox };
	}

	setDraftOnly(inboxId: string, draftOnly: boolean): void {
		this.requireInbox(inboxId).draftOnly = draftOnly;
	}

	/** Draft i gets created_at = updated_at = now - (i+1) s, so draft 0 is listed first. */
	seedDrafts(inboxId: string, count: number, overrides?: (i: number) => Partial<AgentryDraft>): AgentryDraft[] {
		const inbox = this.requireInbox(inboxId);
		const base = this.clock.nowMs();
		const records: AgentryDraftRecord[] = [];
		for (let i = 0; i < count; i++) {
			const at = new Date(base - (i + 1) * 1000).toISOString();
			const draft = {
				subject: `Seeded draft ${i + 1}`,
				text: `Seeded body ${i + 1}`,
				to: [`contact${i + 1}@example.com`],
				created_at: at,
				updated_at: at,
				...overrides?.(i),
			};
			records.push(this.register(inbox, draft));
		}
		inbox.order.insertMany(records);
		return records.map((r) => this.render(r));
	}

	addDraft(inboxId: string, partial: Partial<AgentryDraft>): AgentryDraft {
		const inbox = this.requireInbox(inboxId);
		const record = this.register(inbox, partial);
		inbox.order.insert(record);
		return this.render(record);
	}

	addAttachment(draftId: string, input: AgentryAttachmentInput): AgentryAttachment {
		const record = this.draftIndex.get(draftId);
		if (!record) throw new Error(`Sandbox: unknown draft ${draftId}`);
		return { ...this.attach(record, input) };
	}

	setSendStatus(draftId: string, status: AgentrySendStatus): void {
		const record = this.draftIndex.get(draftId);
		if (!record) throw new Error(`Sandbox: unknown draft ${draftId}`);
		record.draft.send_status = status;
	}

	touchDraft(draftId: string): AgentryDraft {
		const record = this.draftIndex.get(draftId);
		if (!record) throw new Error(`Sandbox: unknown draft ${draftId}`);
		this.touch(record);
		return this.render(record);
	}

	drafts(inboxId: string): AgentryDraft[] {
		return this.requireInbox(inboxId).order.all().map((r) => this.render(r));
	}

	attachmentBytes(attachmentId: string): Buffer | undefined {
		return this.attachmentIndex.get(attachmentId)?.attachments.get(attachmentId)?.bytes;
	}

	// ---- used by the route handlers ----

	inbox(inboxId: string): InboxRecord | undefined {
		return this.inboxes.get(inboxId);
	}

	inboxIndex(): SortedIndex<InboxRecord> {
		return this.inboxOrder;
	}

	draftIn(inbox: InboxRecord, draftId: string): AgentryDraftRecord | undefined {
		return inbox.drafts.get(draftId);
	}

	draftByClientId(inbox: InboxRecord, clientId: string): AgentryDraftRecord | undefined {
		const id = inbox.clientIds.get(clientId);
		return id === undefined ? undefined : inbox.drafts.get(id);
	}

	createDraft(inbox: InboxRecord, fields: Partial<DraftFields>, attachments: AgentryAttachmentInput[]): AgentryDraftRecord {
		const now = this.clock.nowIso();
		const record = this.register(inbox, { ...fields, created_at: now, updated_at: now });
		for (const a of attachments) this.store(record, a);
		inbox.order.insert(record);
		this.createCount++;
		return record;
	}

	updateDraft(record: AgentryDraftRecord, patch: DraftPatch): void {
		const draft = record.draft;
		for (const [key, value] of Object.entries(patch) as Array<[keyof DraftPatch, string | string[]]>) {
			if (value.length === 0) delete draft[key];
			else (draft as Record<string, unknown>)[key] = value;
		}
		if ('send_at' in patch) {
			if (draft.send_at === undefined) {
				if (draft.send_status === 'scheduled') delete draft.send_status;
			} else if (draft.send_status !== 'sending') {
				draft.send_status = 'scheduled';
			}
		}
		draft.preview = makePreview(draft.text, draft.html);
		if (draft.preview === undefined) delete draft.preview;
		this.touch(record);
	}

	deleteDraft(record: AgentryDraftRecord): void {
		const inbox = record.inbox;
		inbox.drafts.delete(record.id);
		inbox.order.remove(record);
		if (record.draft.client_id !== undefined) inbox.clientIds.delete(record.draft.client_id);
		for (const id of record.attachments.keys()) this.attachmentIndex.delete(id);
		this.draftIndex.delete(record.id);
	}

	/** Stores an attachment and bumps the draft's updated_at. */
	attach(record: AgentryDraftRecord, input: AgentryAttachmentInput): AgentryAttachment {
		const meta = this.store(record, input);
		this.touch(record);
		return meta;
	}

	private store(record: AgentryDraftRecord, input: AgentryAttachmentInput): AgentryAttachment {
		const bytes = input.content ?? Buffer.alloc(0);
		const meta: AgentryAttachment = {
			attachment_id: newId('att_', 24),
			content_disposition: input.content_disposition ?? 'attachment',
			content_type: input.content_type ?? guessContentType(input.filename),
			size: bytes.length,
		};
		if (input.content_id !== undefined) meta.content_id = input.content_id;
		if (input.filename !== undefined) meta.filename = input.filename;
		record.attachments.set(meta.attachment_id, { meta, bytes, url: input.url });
		this.attachmentIndex.set(meta.attachment_id, record);
		return meta;
	}

	detach(record: AgentryDraftRecord, attachmentId: string): void {
		record.attachments.delete(attachmentId);
		this.attachmentIndex.delete(attachmentId);
		this.touch(record);
	}

	/** For the download listener: the attachment wherever it lives. */
	attachmentById(attachmentId: string): StoredAttachment | undefined {
		return this.attachmentIndex.get(attachmentId)?.attachments.get(attachmentId);
	}

	render(record: AgentryDraftRecord): AgentryDraft {
		const d = record.draft;
		const copy: AgentryDraft = { ...d, labels: [...d.labels], attachments: this.attachmentList(record) };
		for (const key of ['to', 'cc', 'bcc', 'reply_to', 'references'] as const) {
			const list = d[key];
			if (list) copy[key] = [...list];
		}
		return copy;
	}

	/** The list shape of the reference: no bodies, client_id, created_at, reply_to or references. */
	renderListItem(record: AgentryDraftRecord): Record<string, unknown> {
		const item: Record<string, unknown> = { attachments: this.attachmentList(record) };
		for (const key of LIST_FIELDS) {
			if (record.draft[key] !== undefined) item[key] = record.draft[key];
		}
		return item;
	}

	private attachmentList(record: AgentryDraftRecord): AgentryAttachment[] {
		return Array.from(record.attachments.values(), (a) => ({ ...a.meta }));
	}

	/** Moves the draft to the head of its inbox's list (updated_at descending). */
	private touch(record: AgentryDraftRecord): void {
		const indexed = record.inbox.order.remove(record);
		record.draft.updated_at = this.clock.nowIso();
		record.t = timestampMs(record.draft.updated_at, 'updated_at');
		if (indexed) record.inbox.order.insert(record);
	}

	/** Creates the record (not yet in the list order; callers insert one by one or in bulk). */
	private register(inbox: InboxRecord, partial: Partial<AgentryDraft>): AgentryDraftRecord {
		// The clock only when a stamp is missing: each reading moves it on by at least 1 ms, so
		// seeding 10,000 stamped drafts ran it 10 s ahead of real time (as HyperRep's buildDraft avoids).
		const now = partial.created_at !== undefined && partial.updated_at !== undefined ? partial.created_at : this.clock.nowIso();
		const { attachments, ...rest } = partial;
		const draft: DraftFields = {
			draft_id: newId('dr_', 24),
			inbox_id: inbox.inbox.inbox_id,
			created_at: now,
			updated_at: now,
			labels: [],
			...rest,
		};
		if (draft.send_at !== undefined && draft.send_status === undefined) draft.send_status = 'scheduled';
		if (draft.preview === undefined) {
			const preview = makePreview(draft.text, draft.html);
			if (preview !== undefined) draft.preview = preview;
		}
		if (this.draftIndex.has(draft.draft_id)) throw new Error(`Sandbox: duplicate draft id ${draft.draft_id}`);
		const record: AgentryDraftRecord = {
			t: timestampMs(draft.updated_at, 'updated_at'),
			id: draft.draft_id,
			draft,
			attachments: new Map(),
			inbox,
		};
		inbox.drafts.set(draft.draft_id, record);
		if (draft.client_id !== undefined) inbox.clientIds.set(draft.client_id, draft.draft_id);
		this.draftIndex.set(draft.draft_id, record);
		// Seeded metadata-only attachments get zero bytes of the declared size.
		for (const meta of attachments ?? []) {
			record.attachments.set(meta.attachment_id, { meta: { ...meta }, bytes: Buffer.alloc(meta.size) });
			this.attachmentIndex.set(meta.attachment_id, record);
		}
		return record;
	}

	private requireInbox(inboxId: string): InboxRecord {
		const inbox = this.inboxes.get(inboxId);
		if (!inbox) throw new Error(`Sandbox: unknown inbox ${inboxId}`);
		return inbox;
	}
}
