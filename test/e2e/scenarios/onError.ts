import assert from 'node:assert/strict';

import type { Scenario } from '../scenario';
import { agentry, code, hyperRep, manualTrigger, node, workflow } from '../workflow';
import { AGENTRY_CREATE, HYPERREP_CREATE, pairedIndexes, requests, SALES_INBOX } from './support';

const LEADS = code(
	'Leads',
	`return [
  { json: { name: 'Diana Prince', email: 'diana@themyscira.example' } },
  { json: { name: 'No Address', email: 'not-an-address' } },
  { json: { name: 'Bruce Wayne', email: 'bruce@wayne.example' } },
];`,
);
const onError = { onError: 'continueErrorOutput' as const };
const mark = (name: string) => node(name, 'n8n-nodes-base.noOp', 1, {});

/**
 * On Error "Continue (using error output)": n8n, not the package, routes each item. A lead with
 * a bad address must reach the error branch, linked to its input item; the others the success one.
 */
export const errorOutput: Scenario = {
	title: 'On Error "Continue (using error output)": failed items reach the error branch',
	workflow: workflow(
		'e2eErrorOutput01',
		'e2e: error output',
		[
			manualTrigger(),
			LEADS,
			hyperRep('HyperRep create', { resource: 'messageDraft', operation: 'create', toName: '={{ $json.name }}', toEmail: '={{ $json.email }}', subject: 'Hello' }, onError),
			agentry('Agentry create', { resource: 'draft', operation: 'create', inboxId: { __rl: true, mode: 'id', value: SALES_INBOX }, to: '={{ $json.email }}', subject: 'Hello' }, onError),
			mark('HyperRep drafted'),
			mark('HyperRep failed'),
			mark('Agentry drafted'),
			mark('Agentry failed'),
		],
		[
			['Start', 'Leads'],
			['Leads', 'HyperRep create'],
			['Leads', 'Agentry create'],
			['HyperRep create', 'HyperRep drafted', 0],
			['HyperRep create', 'HyperRep failed', 1],
			['Agentry create', 'Agentry drafted', 0],
			['Agentry create', 'Agentry failed', 1],
		],
	),
	checks: (run, { sandbox }) => {
		const routed = (nodeName: string, success: string, failure: string) => () => {
			assert.deepEqual(pairedIndexes(run.items(nodeName, 0)), [0, 2], 'success output');
			assert.deepEqual(pairedIndexes(run.items(nodeName, 1)), [1], 'error output');
			assert.match(String(run.json(nodeName, 1)[0]?.error ?? ''), /address/i);
			assert.equal(run.items(success).length, 2, `items in "${success}"`);
			assert.equal(run.items(failure).length, 1, `items in "${failure}"`);
		};
		return {
			'HyperRep: the bad lead leaves by the error output, the two others by the success output': routed('HyperRep create', 'HyperRep drafted', 'HyperRep failed'),
			'Agentry: the bad lead leaves by the error output, the two others by the success output': routed('Agentry create', 'Agentry drafted', 'Agentry failed'),
			'nothing was sent for the bad lead': () => {
				assert.equal(requests(sandbox, 'POST', HYPERREP_CREATE).length, 2);
				assert.equal(requests(sandbox, 'POST', AGENTRY_CREATE).length, 2);
			},
		};
	},
};
