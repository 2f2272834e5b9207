import assert from 'node:assert/strict';

import { seedDemo } from '../../sandbox/seed';
import type { Sandbox } from '../../sandbox/server';
import type { N8nInstall } from '../n8nInstall';
import type { Report } from '../report';
import type { QueueCluster } from './cluster';
import { crashAndResend, type CrashObservation, type FlowObservation, KILL_AFTER_CREATES, type LeadRun } from './crash';
import { LEAD_FLOWS, LEADS } from './leads';

/** The checks of the crash and the re-sent webhooks, by name (see crash.ts). */

const SUCCESS = 'success';
const emailOf = new Map(LEADS.map((lead) => [lead.id, lead.email]));

const secondRound = (flow: FlowObservation) => flow.runs.filter((run) => run.round === 2);
/** The first round's executions: those of its webhooks, and those that died before their data was stored. */
const firstRound = (flow: FlowObservation) => flow.runs.filter((run) => run.round !== 2);
const leadsDone = (runs: LeadRun[]) => new Set(runs.filter((run) => run.status === SUCCESS).map((run) => run.leadId));

/** Leads whose first execution died with the worker. */
function died(flow: FlowObservation): string[] {
	const done = leadsDone(firstRound(flow));
	return LEADS.filter((lead) => !done.has(lead.id)).map((lead) => lead.id);
}

/** Of those, the ones whose draft the sandbox had made: the case the key must resolve on the re-run. */
function diedAfterTheirDraft(flow: FlowObservation): string[] {
	return died(flow).filter((leadId) => (flow.afterFirst.get(emailOf.get(leadId) ?? '')?.length ?? 0) > 0);
}

function describeDrafts(drafts: Map<string, string[]>): string {
	const counts = [...drafts.values()].map((ids) => ids.length);
	const twice = counts.filter((count) => count > 1).length;
	const none = counts.filter((count) => count === 0).length;
	return `${twice} of ${drafts.size} leads with a second draft, ${none} with none`;
}

function skipped(run: LeadRun): boolean {
	return run.output.length === 1 && run.output[0].skipped === true;
}

/**
 * Leads done in the first round that n8n's store did not skip in the second (a skip by the store
 * alone names no draft): their records were lost or left pending, and only the API could tell.
 */
function notSkippedByTheStore(flow: FlowObservation): string[] {
	const doneBefore = leadsDone(firstRound(flow));
	return secondRound(flow)
		.filter((run) => doneBefore.has(run.leadId) && !(skipped(run) && run.output[0].draft_id === undefined))
		.map((run) => run.leadId ?? '');
}

function crashNotes(observation: CrashObservation): string[] {
	return LEAD_FLOWS.map((flow, index) => {
		const seen = observation.flows[index];
		const second = secondRound(seen);
		const found = second.filter((run) => skipped(run) && run.output[0].draft_id !== undefined).length;
		return `${flow.label}: ${died(seen).length} of ${LEADS.length} first executions died with the worker (${diedAfterTheirDraft(seen).length} after their draft was made); after the re-sent webhooks ${describeDrafts(seen.afterSecond)}; ${second.filter(skipped).length} skipped (${found} of them with the draft found at the API); of ${leadsDone(firstRound(seen)).size} leads done in the first round, ${notSkippedByTheStore(seen).length} not skipped by n8n's store (a record lost or left pending)`;
	});
}

function crashChecks(observation: CrashObservation): Record<string, () => void> {
	const checks: Record<string, () => void> = {
		'the SIGKILL cut executions short after their drafts were made (else this run proves nothing)': () => {
			const cut = observation.flows.flatMap(diedAfterTheirDraft);
			assert.ok(cut.length > 0, 'no execution died with the worker after its create reached the sandbox');
		},
	};
	for (const [index, flow] of LEAD_FLOWS.entries()) {
		const seen = observation.flows[index];
		checks[`${flow.label}: n8n stored one execution per webhook, each for its lead`] = () => {
			const all = LEADS.map((lead) => lead.id).sort();
			const missing = LEADS.filter((lead) => !firstRound(seen).some((run) => run.leadId === lead.id)).map((lead) => lead.id);
			assert.equal(firstRound(seen).length, LEADS.length, `first round (no execution read for ${missing.join(', ') || 'no lead'})`);
			assert.deepEqual(secondRound(seen).map((run) => run.leadId).sort(), all, 'second round');
			const done = firstRound(seen).filter((run) => run.status === SUCCESS);
			assert.equal(leadsDone(done).size, done.length, 'a lead ran twice in the first round');
		};
		checks[`${flow.label}: every lead has exactly one draft, after the crash and the re-sent webhooks`] = () => {
			const wrong = [...seen.afterSecond].filter(([, ids]) => ids.length !== 1).map(([email, ids]) => `${email}: ${ids.length}`);
			assert.deepEqual(wrong, [], describeDrafts(seen.afterSecond));
		};
		// A lead done before whose key the store lost comes out skipped with its draft (HyperRep's
		// lookup) or with the draft Agentry returns for the key's Client ID; a second draft fails the check above.
		checks[`${flow.label}: every re-sent lead's execution succeeded, skipped (skipped: true) or with the lead's one draft`] = () => {
			const second = secondRound(seen);
			const failed = second.filter((run) => run.status !== SUCCESS).map((run) => `${run.leadId}: ${run.status}`);
			assert.deepEqual(failed, [], 'executions that did not succeed');
			for (const run of second) {
				const draftId = run.output[0]?.draft_id;
				if (draftId === undefined && skipped(run)) continue;
				assert.deepEqual([draftId], seen.afterSecond.get(emailOf.get(run.leadId ?? '') ?? ''), `${run.leadId}: the output's draft is not the lead's one draft`);
			}
		};
	}
	return checks;
}

/** The lead webhooks on the cluster, a worker's crash among them, and their checks. */
export async function checkCrash(report: Report, cluster: QueueCluster, install: N8nInstall, sandbox: Sandbox): Promise<void> {
	report.section(`Queue mode: ${LEADS.length} lead webhooks per node, worker 1 killed (SIGKILL) after ${KILL_AFTER_CREATES} creates, the webhooks sent again`);
	sandbox.reset();
	seedDemo(sandbox);
	const started = Date.now();
	let observation: CrashObservation | undefined;
	const ran = await report.check('the webhooks were taken, the worker killed and started again, and the queue emptied after each round', async () => {
		observation = await crashAndResend(cluster, install, sandbox, (line) => report.note(line));
	});
	if (!ran || !observation) return;
	const { first, second } = observation.seconds;
	report.note(`first round (with the crash) ${first.toFixed(1)} s, second ${second.toFixed(1)} s, in all ${((Date.now() - started) / 1000).toFixed(1)} s`);
	for (const line of crashNotes(observation)) report.note(line);
	for (const [name, check] of Object.entries(crashChecks(observation))) await report.check(name, check);
}
