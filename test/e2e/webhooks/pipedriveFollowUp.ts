import assert from 'node:assert/strict';

import { AGENTRY_CREATE, body, example, requests, SALES_INBOX } from '../scenarios/support';
import { pinnedBody, type WebhookScenario } from './webhookScenario';

interface PipedrivePerson {
	data: { id: number; name: string; first_name: string; emails: Array<{ value: string; primary: boolean }> };
}

const HOUR_MS = 60 * 60 * 1000;
const DRAFT = /\/human\/v0\/inboxes\/[^/]+\/drafts\/([^/]+)$/;

/**
 * examples/pipedrive-follow-up-sequence.json, its three-day Wait shortened to 2 seconds (n8n
 * waits that long in the execution itself). Nobody sends the intro meanwhile, so the check finds
 * it unsent and the follow-up replaces it.
 */
export const pipedriveFollowUp: WebhookScenario = {
	title: 'Example: Pipedrive webhook → follow-up sequence (intro, Wait, Get, follow-up), the Wait shortened to 2 s',
	workflow: example('exPipedriveFollow'),
	webhook: 'Pipedrive: person added',
	changes: { 'Wait 3 days': { amount: 2, unit: 'seconds' } },
	checks: (run, sandbox) => {
		const person = (pinnedBody(pipedriveFollowUp) as PipedrivePerson).data;
		const to = [`${person.name} <${person.emails.find((entry) => entry.primary)?.value}>`];
		const creates = () => requests(sandbox, 'POST', AGENTRY_CREATE);
		const introId = () => String(run.json('Draft intro')[0]?.draft_id);
		return {
			'Agentry received the intro, then after the Wait the follow-up, each with the person’s address, labels and Client ID': () => {
				const sent = creates().map(body);
				assert.deepEqual(
					sent.map((draft) => [draft.client_id, draft.labels, draft.to]),
					[
						[`pipedrive-${person.id}-intro`, ['pipedrive', 'intro'], to],
						[`pipedrive-${person.id}-follow-up`, ['pipedrive', 'follow-up'], to],
					],
				);
				assert.equal(sent[0].send_at, undefined, 'the intro waits for a rep');
			},
			'the follow-up is scheduled an hour after it was drafted': () => {
				const [followUp] = run.json('Draft follow-up');
				const started = run.timing('Draft follow-up')?.startTime ?? NaN;
				const delay = Date.parse(String(followUp?.send_at)) - started;
				assert.ok(Math.abs(delay - HOUR_MS) < 5 * 60_000, `Send At is ${Math.round(delay / 60_000)} min after the node ran`);
			},
			'after the Wait, Get found the intro unsent (success output), so the sequence did not end there': () => {
				const log = sandbox.log.map((entry) => `${entry.method} ${DRAFT.exec(entry.path)?.[1] === introId() ? 'intro' : entry.path}`);
				const created = log.findIndex((line) => line.startsWith('POST') && line.endsWith('/drafts'));
				const checked = log.indexOf('GET intro');
				assert.ok(created >= 0 && checked > created, log.join('\n'));
				assert.equal(run.json('Check intro draft')[0]?.draft_id, introId());
				assert.equal(run.ran('Intro sent: sequence ends'), false);
			},
			'the inbox holds the follow-up and no longer the stale intro': () => {
				const stored = sandbox.agentry.drafts(SALES_INBOX).filter((draft) => draft.to?.includes(to[0]));
				assert.deepEqual(stored.map((draft) => draft.draft_id), [run.json('Draft follow-up')[0]?.draft_id]);
				assert.equal(requests(sandbox, 'DELETE', DRAFT).length, 1);
			},
		};
	},
};
