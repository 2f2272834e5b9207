import type { AgentryDraft, Sandbox } from '../../sandbox/server';
import { example, SALES_INBOX } from '../scenarios/support';
import type { TriggerScenario } from './triggerScenario';

/** examples/agentry-send-failed-alert.json: Draft Send Failed on the sales inbox. */

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

function scheduled(sandbox: Sandbox, fields: Partial<AgentryDraft>): string {
	return sandbox.agentry.addDraft(SALES_INBOX, { send_at: tomorrow(), send_status: 'scheduled', text: 'Hi, a quick follow-up.', ...fields }).draft_id;
}

/** Agentry's scheduler gives up on a draft's send: its status and updated_at change (as test/agentryTrigger.test.ts). */
function failSend(sandbox: Sandbox, draftId: string): string {
	sandbox.agentry.setSendStatus(draftId, 'failed');
	sandbox.agentry.touchDraft(draftId);
	return draftId;
}

/** The alert the example's Code node writes for a draft. */
function alert(sandbox: Sandbox, draftId: string) {
	const found = sandbox.agentry.drafts(SALES_INBOX).find((entry) => entry.draft_id === draftId);
	if (!found) throw new Error(`No draft ${draftId} in the sandbox`);
	const text = `Scheduled send failed: "${found.subject}" to ${(found.to ?? []).join(', ')} (planned for ${found.send_at}). Fix it and reschedule or send it from Agentry.`;
	return { channel: '#sales-alerts', draft_id: draftId, text };
}

const failed = (draftId: string) => `draftSendFailed ${draftId}`;

export const sendFailedAlert: TriggerScenario = {
	title: 'Example: Agentry Trigger, scheduled send failed → alert (published on n8n start)',
	workflow: example('exSendFailed0001'),
	trigger: 'Scheduled send failed',
	next: 'Alert for the sales channel',
	isPoll: (request) =>
		request.method === 'GET' && decodeURIComponent(request.path) === `/human/v0/inboxes/${SALES_INBOX}/drafts` && !('page_token' in request.query),
	key: (json) => `${String(json.event)} ${String(json.draft_id)}`,
	history: (sandbox) => {
		failSend(sandbox, scheduled(sandbox, { subject: 'Failed before activation', to: ['old@example.com'] }));
	},
	steps: [
		{
			what: 'a scheduled send fails, another draft is scheduled',
			act: (sandbox) => ({
				failing: failSend(sandbox, scheduled(sandbox, { subject: 'Quote Q-1042', to: ['diana@themyscira.example'] })),
				other: scheduled(sandbox, { subject: 'Still on schedule', to: ['bruce@example.com'] }),
			}),
			emits: (names) => [failed(names.failing)],
			output: (names, sandbox) => [alert(sandbox, names.failing)],
		},
		{
			what: 'the failed draft is edited (still failed), another send fails, a newer draft is scheduled',
			act: (sandbox, earlier) => ({
				edited: sandbox.agentry.touchDraft(earlier.failing).draft_id,
				failing: failSend(sandbox, scheduled(sandbox, { subject: 'Renewal terms', to: ['alan@example.com', 'ada@example.com'] })),
				newer: scheduled(sandbox, { subject: 'Newest, on schedule', to: ['clark@example.com'] }),
			}),
			fetches: (names) => [failed(names.failing)],
			emits: (names) => [failed(names.failing)],
			output: (names, sandbox) => [alert(sandbox, names.failing)],
		},
	],
};
