import { Clock, newId, timestampMs } from './state';
import { SortedIndex, type SortKey } from './sortedIndex';
import type { HyperRepChannels, HyperRepDraft } from './types';

/** In-memory HyperRep: organizations, their API keys and message drafts. */

export const DEFAULT_HYPERREP_API_KEY = 'hr_test_key_0123456789';
export const DEFAULT_HYPERREP_ORG_ID = 'HR_org_demo';

export interface DraftRecord extends SortKey {
	draft: HyperRepDraft;
	sending: boolean;
}

export interface OrgRecord {
	organizationId: string;
	apiKey: string;
	channels: { email: boolean; text: boolean };
	agentId: string;
	drafts: Map<string, DraftRecord>;
	/** created_at descending, ties by draft_id. */
	order: SortedIndex<DraftRecord>;
	/** Promoted draft id -> conversation id. */
	promoted: Map<string, string>;
	responseDrafts: Set<string>;
}

export type DraftLookup =
	| { kind: 'draft'; record: DraftRecord }
	| { kind: 'promoted'; conversationId: string }
	| { kind: 'responseDraft' }
	| { kind: 'missing' };

function copyDraft(d: HyperRepDraft): HyperRepDraft {
	return { ...d, cc_emails: [...d.cc_emails], bcc_emails: [...d.bcc_emails] };
}

export class HyperRepState {
	/** Successful POST creates (for exactly-once checks). */
	createCount = 0;
	deliverAtOnce = false;
	private readonly orgs = new Map<string, OrgRecord>();
	private readonly keys = new Map<string, string>();
	private readonly draftOrg = new Map<string, string>();

	constructor(private readonly clock: Clock) {
		this.reset();
	}

	/** Back to the default seed: one organization with both channels, no drafts. */
	reset(): void {
		this.orgs.clear();
		this.keys.clear();
		this.draftOrg.clear();
		this.createCount = 0;
		this.deliverAtOnce = false;
		this.addOrganization({ organizationId: DEFAULT_HYPERREP_ORG_ID, apiKey: DEFAULT_HYPERREP_API_KEY });
	}

	addOrganization(org: { organizationId: string; apiKey: string; channels?: HyperRepChannels }): void {
		const previous = this.orgs.get(org.organizationId);
		if (previous) {
			this.keys.delete(previous.apiKey);
			for (const id of previous.drafts.keys()) this.draftOrg.delete(id);
		}
		this.orgs.set(org.organizationId, {
			organizationId: org.organizationId,
			apiKey: org.apiKey,
			channels: { email: org.channels?.email ?? true, text: org.channels?.text ?? true },
			agentId: `HR_id_agent_${org.organizationId.replace(/[^A-Za-z0-9]/g, '')}`,
			drafts: new Map(),
			order: new SortedIndex(),
			promoted: new Map(),
			responseDrafts: new Set(),
		});
		this.keys.set(org.apiKey, org.organizationId);
	}

	setChannels(orgId: string, channels: HyperRepChannels): void {
		const org = this.requireOrg(orgId);
		if (channels.email !== undefined) org.channels.email = channels.email;
		if (channels.text !== undefined) org.channels.text = channels.text;
	}

	/** Draft i gets created_at = now - (i+1) s, so draft 0 is listed first. */
	seedDrafts(
		orgId: string,
		count: number,
		overrides?: (i: number) => Partial<HyperRepDraft>,
	): HyperRepDraft[] {
		const org = this.requireOrg(orgId);
		const base = this.clock.nowMs();
		const records: DraftRecord[] = [];
		for (let i = 0; i < count; i++) {
			const draft = this.buildDraft(org, {
				subject: `Seeded draft ${i + 1}`,
				body_html: `<p>Seeded body ${i + 1}</p>`,
				recipient_name: `Contact ${i + 1}`,
				recipient_email: `contact${i + 1}@example.com`,
				created_at: new Date(base - (i + 1) * 1000).toISOString(),
				...overrides?.(i),
			});
			records.push(this.register(org, draft));
		}
		org.order.insertMany(records);
		return records.map((r) => copyDraft(r.draft));
	}

	addDraft(orgId: string, partial: Partial<HyperRepDraft>): HyperRepDraft {
		const org = this.requireOrg(orgId);
		const record = this.register(org, this.buildDraft(org, partial));
		org.order.insert(record);
		return copyDraft(record.draft);
	}

	/** The draft was sent and promoted into a conversation: lookups answer 404 with a route hint. */
	markPromoted(draftId: string, conversationId = newId('HR_id_conv_')): void {
		const org = this.requireOrg(this.draftOrg.get(draftId) ?? '', `draft ${draftId}`);
		this.removeRecord(org, draftId);
		org.promoted.set(draftId, conversationId);
	}

	/** Registers an id that belongs to a response draft; message-draft lookups answer 404 with a hint. */
	addResponseDraft(orgId: string, id = newId('HR_id_')): string {
		this.requireOrg(orgId).responseDrafts.add(id);
		return id;
	}

	/** The draft is currently sending: delete answers 400. */
	setSending(draftId: string): void {
		const org = this.requireOrg(this.draftOrg.get(draftId) ?? '', `draft ${draftId}`);
		const record = org.drafts.get(draftId);
		if (record) record.sending = true;
	}

	/** Current drafts in list order (created_at descending). */
	drafts(orgId: string): HyperRepDraft[] {
		return this.requireOrg(orgId).order.all().map((r) => copyDraft(r.draft));
	}

	// ---- used by the route handlers ----

	orgIdForKey(apiKey: string): string | undefined {
		return this.keys.get(apiKey);
	}

	org(orgId: string): OrgRecord | undefined {
		return this.orgs.get(orgId);
	}

	lookup(org: OrgRecord, draftId: string): DraftLookup {
		const record = org.drafts.get(draftId);
		if (record) return { kind: 'draft', record };
		const conversationId = org.promoted.get(draftId);
		if (conversationId !== undefined) return { kind: 'promoted', conversationId };
		if (org.responseDrafts.has(draftId)) return { kind: 'responseDraft' };
		return { kind: 'missing' };
	}

	create(org: OrgRecord, fields: Partial<HyperRepDraft>): HyperRepDraft {
		const record = this.register(org, this.buildDraft(org, { ...fields, created_at: this.clock.nowIso() }));
		org.order.insert(record);
		this.createCount++;
		const created = copyDraft(record.draft);
		if (this.deliverAtOnce && created.scheduled_send_at !== null) this.markPromoted(created.draft_id);
		return created;
	}

	removeRecord(org: OrgRecord, draftId: string): void {
		const record = org.drafts.get(draftId);
		if (!record) return;
		org.drafts.delete(draftId);
		org.order.remove(record);
		this.draftOrg.delete(draftId);
	}

	private buildDraft(org: OrgRecord, partial: Partial<HyperRepDraft>): HyperRepDraft {
		return {
			draft_id: newId('HR_id_'),
			subject: null,
			body_html: null,
			modality: 'email',
			agent_id: org.agentId,
			recipient_name: null,
			recipient_email: null,
			recipient_phone_number: null,
			cc_emails: [],
			bcc_emails: [],
			scheduled_send_at: null,
			folder: 'drafts',
			// The clock only when no stamp is given: a stamp read and thrown away would use up a runAhead write.
			created_at: partial.created_at ?? this.clock.nowIso(),
			...partial,
		};
	}

	private register(org: OrgRecord, draft: HyperRepDraft): DraftRecord {
		if (this.draftOrg.has(draft.draft_id)) throw new Error(`Sandbox: duplicate draft id ${draft.draft_id}`);
		const record: DraftRecord = {
			t: timestampMs(draft.created_at, 'created_at'),
			id: draft.draft_id,
			draft,
			sending: false,
		};
		org.drafts.set(draft.draft_id, record);
		this.draftOrg.set(draft.draft_id, org.organizationId);
		return record;
	}

	private requireOrg(orgId: string, what = `organization ${orgId}`): OrgRecord {
		const org = this.orgs.get(orgId);
		if (!org) throw new Error(`Sandbox: unknown ${what}`);
		return org;
	}
}
