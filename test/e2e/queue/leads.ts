import type { Sandbox } from '../../sandbox/server';
import { ORG, SALES_INBOX } from '../scenarios/support';
import { agentry, hyperRep, node, workflow, type WorkflowJson } from '../workflow';

/**
 * The queue-mode leg's workflows: a lead arrives by webhook (as from a CRM or a form) and gets one
 * draft, with the lead's ID as the Deduplication Key, so that the same lead sent again (a re-run
 * after a crash, a CRM that sends twice) is skipped, or gets back the draft made for it.
 */

export interface Lead {
	id: string;
	name: string;
	email: string;
}

export const LEADS: Lead[] = Array.from({ length: 100 }, (_, index) => {
	const number = String(index + 1).padStart(3, '0');
	return { id: `lead_q${number}`, name: `Lead ${number}`, email: `lead${number}@queue.example` };
});

export const WEBHOOK = 'Lead webhook';

export interface LeadFlow {
	label: string;
	workflow: WorkflowJson;
	/** The production webhook's path: POST /webhook/<path> on main. */
	path: string;
	/** The node that makes the draft. */
	action: string;
	/** The IDs of the drafts the sandbox holds for each lead's email. */
	drafts(sandbox: Sandbox): Map<string, string[]>;
}

function webhook(path: string, webhookId: string) {
	return { ...node(WEBHOOK, 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }), webhookId };
}

const deduplication = { deduplicationKey: '={{ $json.body.id }}' };

function byLead(entries: Array<{ draftId: string; emails: string[] }>): Map<string, string[]> {
	const drafts = new Map<string, string[]>(LEADS.map((lead) => [lead.email, []]));
	for (const { draftId, emails } of entries) for (const email of emails) drafts.get(email)?.push(draftId);
	return drafts;
}

export const LEAD_FLOWS: LeadFlow[] = [
	{
		label: 'HyperRep',
		path: 'queue-lead-hyperrep',
		action: 'Draft welcome email',
		workflow: workflow(
			'queueLeadHyperR1',
			'Queue mode: lead webhook → HyperRep draft (Deduplication Key)',
			[
				webhook('queue-lead-hyperrep', '5b0d4c1e-7f35-4d8e-9d0a-3c4a1f0b7e01'),
				hyperRep('Draft welcome email', {
					resource: 'messageDraft',
					operation: 'create',
					modality: 'email',
					toName: '={{ $json.body.name }}',
					toEmail: '={{ $json.body.email }}',
					subject: '={{ "Welcome, " + $json.body.name }}',
					bodyHtml: '=<p>Hi {{ $json.body.name }}, thanks for signing up.</p>',
					delivery: 'saveForReview',
					notifyTeam: false,
					options: deduplication,
				}),
			],
			[[WEBHOOK, 'Draft welcome email']],
		),
		drafts: (sandbox) =>
			byLead(sandbox.hyperrep.drafts(ORG).map((draft) => ({ draftId: draft.draft_id, emails: draft.recipient_email ? [draft.recipient_email] : [] }))),
	},
	{
		label: 'Agentry',
		path: 'queue-lead-agentry',
		action: 'Draft welcome message',
		workflow: workflow(
			'queueLeadAgentr1',
			'Queue mode: lead webhook → Agentry draft (Deduplication Key)',
			[
				webhook('queue-lead-agentry', '5b0d4c1e-7f35-4d8e-9d0a-3c4a1f0b7e02'),
				agentry('Draft welcome message', {
					resource: 'draft',
					operation: 'create',
					inboxId: { __rl: true, mode: 'id', value: SALES_INBOX },
					to: '={{ $json.body.email }}',
					subject: '={{ "Welcome, " + $json.body.name }}',
					text: '=Hi {{ $json.body.name }}, thanks for signing up.',
					options: deduplication,
				}),
			],
			[[WEBHOOK, 'Draft welcome message']],
		),
		drafts: (sandbox) => byLead(sandbox.agentry.drafts(SALES_INBOX).map((draft) => ({ draftId: draft.draft_id, emails: draft.to ?? [] }))),
	},
];
