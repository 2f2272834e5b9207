import type { HyperRepDraft, Sandbox } from '../../sandbox/server';
import { example, ORG } from '../scenarios/support';
import type { Names, TriggerScenario } from './triggerScenario';

/** examples/draft-awaiting-review-to-channel.json: New Message Draft, saved for review only. */

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

function draft(sandbox: Sandbox, fields: Partial<HyperRepDraft>): string {
	return sandbox.hyperrep.addDraft(ORG, { body_html: '<p>Hi, following up on our call.</p>', ...fields }).draft_id;
}

/** The channel message the example's Code node writes for a draft. */
function message(sandbox: Sandbox, draftId: string) {
	const found = sandbox.hyperrep.drafts(ORG).find((entry) => entry.draft_id === draftId);
	if (!found) throw new Error(`No draft ${draftId} in the sandbox`);
	const name = found.recipient_name ? `${found.recipient_name} ` : '';
	const recipient = found.recipient_email ?? found.recipient_phone_number;
	const text = `New ${found.modality} draft waiting for review in ${found.folder}: "${found.subject ?? '(text message)'}" to ${name}<${recipient}>`;
	return { channel: '#sales-review', draft_id: draftId, text };
}

const messages = (names: Names, sandbox: Sandbox, wanted: string[]) => wanted.map((name) => message(sandbox, names[name]));

export const draftAwaitingReview: TriggerScenario = {
	title: 'Example: HyperRep Trigger, draft awaiting review → team channel (published on n8n start)',
	workflow: example('exDraftReview001'),
	trigger: 'New draft saved for review',
	next: 'Message for the review channel',
	isPoll: (request) => request.method === 'GET' && /\/message-drafts$/.test(request.path) && !('cursor' in request.query),
	key: (json) => String(json.draft_id),
	history: (sandbox) => {
		draft(sandbox, { subject: 'Filed just before activation', recipient_email: 'old@example.com', folder: 'sales-follow-up' });
	},
	steps: [
		{
			what: 'an email and a text saved for review, an email queued to send',
			act: (sandbox) => ({
				email: draft(sandbox, { subject: 'Quote Q-1042', recipient_name: 'Ada Lovelace', recipient_email: 'ada@example.com', folder: 'sales-follow-up' }),
				queued: draft(sandbox, { subject: 'Sent at once', recipient_email: 'bob@example.com', scheduled_send_at: inAnHour() }),
				text: draft(sandbox, { modality: 'text', subject: null, body_html: null, recipient_name: 'Grace Hopper', recipient_phone_number: '513-867-5309', folder: 'drafts' }),
			}),
			emits: (names) => [names.email, names.text],
			output: (names, sandbox) => messages(names, sandbox, ['email', 'text']),
		},
		{
			what: 'a draft saved for review, then a newer one queued to send',
			act: (sandbox) => ({
				review: draft(sandbox, { subject: 'Renewal terms', recipient_name: 'Alan Turing', recipient_email: 'alan@example.com', folder: 'renewals' }),
				queued: draft(sandbox, { subject: 'Queued after it', recipient_email: 'eve@example.com', scheduled_send_at: inAnHour() }),
			}),
			fetches: (names) => [names.review],
			emits: (names) => [names.review],
			output: (names, sandbox) => messages(names, sandbox, ['review']),
		},
	],
};
