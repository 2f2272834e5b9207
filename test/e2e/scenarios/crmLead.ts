import assert from 'node:assert/strict';

import type { Scenario } from '../scenario';
import { body, example, HYPERREP_CREATE, ORG, pick, requests } from './support';

/** examples/crm-lead-to-review-draft.json */
export const crmLead: Scenario = {
	title: 'Example: CRM lead → HyperRep email draft saved for review, team notified',
	workflow: example('exCrmLeadReview1'),
	checks: (run, { sandbox }) => ({
		'HyperRep received one email draft, saved for review in "Sales Follow-up" with a team notification': () => {
			const creates = requests(sandbox, 'POST', HYPERREP_CREATE);
			assert.equal(creates.length, 1);
			assert.deepEqual(pick(body(creates[0]), ['modality', 'to_user_name', 'to_email', 'autosend_draft', 'add_notification', 'folder']), {
				modality: 'email',
				to_user_name: 'Diana Prince',
				to_email: 'diana@themyscira.example',
				autosend_draft: false,
				add_notification: true,
				folder: 'Sales Follow-up',
			});
			assert.match(String(body(creates[0]).body_html), /^<p>Hi Diana,<\/p>/);
		},
		'the lead records the draft HyperRep made, in its normalized folder': () => {
			const [record] = run.json('Record draft on lead');
			const draft = sandbox.hyperrep.drafts(ORG).find((entry) => entry.draft_id === record?.draft_id);
			assert.ok(draft, `no draft ${String(record?.draft_id)} in the sandbox`);
			assert.deepEqual(record, { lead_id: 'lead_1042', draft_id: draft.draft_id, folder: 'sales-follow-up', status: 'draft awaiting review' });
			assert.equal(draft.scheduled_send_at, null);
		},
	}),
};
