import assert from 'node:assert/strict';

import type { Execution } from '../execution';
import type { Scenario } from '../scenario';
import { agentry, code, hyperRep, manualTrigger, workflow } from '../workflow';
import { AGENTRY_CREATE, HYPERREP_CREATE, ORG, pairedIndexes, requests, SALES_INBOX } from './support';

const COUNT = 100;
const subject = '={{ "Retry lead " + $json.n }}';

/**
 * A 100-item create against an API that answers part of the requests with 429 (Retry-After: 1)
 * or 503, with each node's default options: every item must be created exactly once.
 */
export const retries: Scenario = {
	title: 'Retries: 429 with Retry-After and 503 during a 100-item create, each item created once',
	workflow: workflow(
		'e2eRetries000001',
		'e2e: retries',
		[
			manualTrigger(),
			code('Leads', `return Array.from({ length: ${COUNT} }, (_, i) => ({ json: { n: i + 1, email: \`lead\${i + 1}@example.com\` } }));`),
			agentry('Agentry create', { resource: 'draft', operation: 'create', inboxId: { __rl: true, mode: 'id', value: SALES_INBOX }, to: '={{ $json.email }}', subject }),
			hyperRep('HyperRep create', { resource: 'messageDraft', operation: 'create', toEmail: '={{ $json.email }}', subject }),
		],
		[
			['Start', 'Leads'],
			['Leads', 'Agentry create'],
			['Leads', 'HyperRep create'],
		],
	),
	prepare: ({ sandbox }) => {
		for (const path of [AGENTRY_CREATE, HYPERREP_CREATE]) {
			sandbox.faults.add({ match: { method: 'POST', path }, every: 7, kind: 'status', status: 429, retryAfter: '1' });
			sandbox.faults.add({ match: { method: 'POST', path }, every: 5, kind: 'status', status: 503 });
		}
	},
	checks: (run, { sandbox }) => ({
		'the sandbox refused part of the creates with 429 and 503': () => {
			for (const path of [AGENTRY_CREATE, HYPERREP_CREATE]) {
				const statuses = requests(sandbox, 'POST', path).map((entry) => entry.status);
				assert.ok(statuses.filter((status) => status === 429).length >= 10, `429s: ${statuses.filter((s) => s === 429).length}`);
				assert.ok(statuses.filter((status) => status === 503).length >= 10, `503s: ${statuses.filter((s) => s === 503).length}`);
			}
		},
		'Agentry: every lead created exactly once, output in input order': () =>
			createdOnceInOrder(run, 'Agentry create', sandbox.agentry.drafts(SALES_INBOX)),
		'HyperRep: every lead created exactly once, output in input order': () =>
			createdOnceInOrder(run, 'HyperRep create', sandbox.hyperrep.drafts(ORG)),
	}),
};

/** The sandbox holds each lead's draft once, and the node output them in the leads' order. */
function createdOnceInOrder(run: Execution, nodeName: string, stored: Array<{ draft_id: string; subject?: string | null }>): void {
	const leads = Array.from({ length: COUNT }, (_, i) => `Retry lead ${i + 1}`);
	const ours = stored.filter((draft) => draft.subject?.startsWith('Retry lead '));
	assert.deepEqual(ours.map((draft) => draft.subject).sort(), [...leads].sort(), 'drafts created');
	const subjectOf = new Map(ours.map((draft) => [draft.draft_id, draft.subject]));
	assert.deepEqual(run.json(nodeName).map((draft) => subjectOf.get(String(draft.draft_id))), leads, 'output order');
	assert.deepEqual(pairedIndexes(run.items(nodeName)), Array.from({ length: COUNT }, (_, i) => i), 'item links');
}
