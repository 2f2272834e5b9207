import assert from 'node:assert/strict';

import { body, example, HYPERREP_CREATE, ORG, pick, requests } from '../scenarios/support';
import { pinnedBody, type WebhookScenario } from './webhookScenario';

interface PipedrivePerson {
	data: { id: number; name: string; first_name: string; emails: Array<{ value: string; primary: boolean }> };
}

/** examples/pipedrive-person-to-review-draft.json */
export const pipedriveLead: WebhookScenario = {
	title: 'Example: Pipedrive webhook (create.person) → HyperRep email draft for review (published on n8n start)',
	workflow: example('exPipedriveLead1'),
	webhook: 'Pipedrive: person added',
	checks: (run, sandbox) => {
		const person = (pinnedBody(pipedriveLead) as PipedrivePerson).data;
		const email = person.emails.find((entry) => entry.primary)?.value;
		return {
			'HyperRep received one email draft for the person Pipedrive posted, saved for review in "Pipedrive leads" with a team notification': () => {
				const creates = requests(sandbox, 'POST', HYPERREP_CREATE);
				assert.equal(creates.length, 1);
				assert.deepEqual(pick(body(creates[0]), ['modality', 'to_user_name', 'to_email', 'subject', 'autosend_draft', 'add_notification', 'folder']), {
					modality: 'email',
					to_user_name: person.name,
					to_email: email,
					subject: `Welcome to Acme, ${person.first_name}`,
					autosend_draft: false,
					add_notification: true,
					folder: 'Pipedrive leads',
				});
			},
			'the node outputs the draft HyperRep stored, in its normalized folder, awaiting review': () => {
				const [draft] = run.json('Draft intro email for review');
				const stored = sandbox.hyperrep.drafts(ORG).find((entry) => entry.draft_id === draft?.draft_id);
				assert.ok(stored, `no draft ${String(draft?.draft_id)} in the sandbox`);
				assert.equal(stored.recipient_email, email);
				assert.equal(stored.folder, 'pipedrive-leads');
				assert.equal(stored.scheduled_send_at, null);
			},
		};
	},
};
