import { setTimeout as sleep } from 'node:timers/promises';

import type { Sandbox } from '../../sandbox/server';
import type { N8nInstall } from '../n8nInstall';
import { LiveWorkflow } from '../triggers/liveWorkflow';
import { type QueueCluster, WORKER_CONCURRENCY } from './cluster';
import { type Lead, LEAD_FLOWS, type LeadFlow, LEADS, WEBHOOK } from './leads';

/**
 * The crash: every lead sent to each workflow's webhook on main, a worker killed with SIGKILL
 * while drafts are being made, started again, and once the queue is empty every lead sent again.
 * What n8n ran and what the sandbox holds are recorded for the checks (checks.ts).
 */

/** Creates the sandbox has received (of 200) when it starts holding them until worker 1 is killed. */
export const KILL_AFTER_CREATES = 60;
/** Webhooks sent at once, as a CRM's bursts would. */
const SENDERS = 8;
const SETTLE_MS = 300_000;

export interface LeadRun {
	executionId: string;
	status: string;
	/** From the webhook's output: unknown for an execution that died before its data was stored. */
	leadId?: string;
	round?: number;
	/** What the flow's action node output (empty when the execution died). */
	output: Array<Record<string, unknown>>;
}

export interface FlowObservation {
	runs: LeadRun[];
	/** The drafts for each lead's email once the queue was empty after the crash. */
	afterFirst: Map<string, string[]>;
	/** And at the end. */
	afterSecond: Map<string, string[]>;
}

export interface CrashObservation {
	flows: FlowObservation[];
	seconds: { first: number; second: number };
}

async function publish(live: LiveWorkflow): Promise<void> {
	const status = await live.activate((await live.stored()).versionId);
	if (status.status !== 'published') throw new Error(`n8n did not publish ${live.id}: ${JSON.stringify(status)}`);
}

/** POSTs every lead to every flow's webhook, a few at a time; main answers once the execution is in the queue. */
async function sendLeads(mainUrl: string, round: number): Promise<void> {
	const posts = LEADS.flatMap((lead) => LEAD_FLOWS.map((flow) => ({ flow, lead })));
	const failures: string[] = [];
	let next = 0;
	const sender = async () => {
		while (next < posts.length) {
			const { flow, lead } = posts[next++];
			const response = await fetch(`${mainUrl}/webhook/${flow.path}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ ...lead, round }),
			});
			if (!response.ok) failures.push(`${flow.label} ${lead.id}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
		}
	};
	await Promise.all(Array.from({ length: SENDERS }, sender));
	if (failures.length > 0) throw new Error(`${failures.length} webhooks refused, e.g. ${failures[0]}`);
}

const creates = (sandbox: Sandbox) => sandbox.log.filter((request) => request.method === 'POST').length;

async function waitForCreates(sandbox: Sandbox, count: number, sending: Promise<void>): Promise<void> {
	let sent = false;
	void sending.then(() => (sent = true), () => (sent = true));
	while (creates(sandbox) < count) {
		if (sent && creates(sandbox) === 0) throw new Error('the webhooks were sent, but no create reached the sandbox');
		await sleep(50);
	}
}

/**
 * Holds every create that arrives from now on until `release`, and resolves `inFlight` once more are
 * held than one worker runs at once: then each worker has at least one request in flight.
 */
function holdCreates(sandbox: Sandbox): { inFlight: Promise<void>; release: () => void; count: () => number } {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	let held = 0;
	const inFlight = new Promise<void>((resolve) => {
		const arrived = () => (++held > WORKER_CONCURRENCY ? resolve() : undefined);
		sandbox.faults.add({ kind: 'latency', match: { method: 'POST' }, until: released, onArrival: arrived });
	});
	return { inFlight, release, count: () => held };
}

/**
 * Until the queue holds no job, waiting or running: main answers a webhook once its job is
 * queued, so with every webhook answered the queue's emptiness means every execution has ended
 * (a dead worker's jobs end when n8n gives them up as stalled).
 */
async function settle(cluster: QueueCluster): Promise<void> {
	const deadline = Date.now() + SETTLE_MS;
	for (;;) {
		const counts = await cluster.jobCounts();
		if (counts.waiting + counts.active + counts.delayed === 0) return;
		if (Date.now() > deadline) throw new Error(`the queue did not empty within ${SETTLE_MS / 1000} s: ${JSON.stringify(counts)}`);
		await sleep(500);
	}
}

/** What each execution was for (the lead and round in its webhook's body) and what its action node output. */
async function leadRuns(cluster: QueueCluster, live: LiveWorkflow, flow: LeadFlow): Promise<LeadRun[]> {
	const runs: LeadRun[] = [];
	for (const executionId of await cluster.executionIds(flow.workflow.id)) {
		// A dead worker's execution never finishes: read what is stored, without waiting.
		const { status, execution } = await live.finishedRun(executionId, 0);
		const body = execution.json(WEBHOOK)[0]?.body as (Lead & { round: number }) | undefined;
		runs.push({ executionId, status, leadId: body?.id, round: body?.round, output: execution.json(flow.action) });
	}
	return runs;
}

export async function crashAndResend(cluster: QueueCluster, install: N8nInstall, sandbox: Sandbox, log: (line: string) => void): Promise<CrashObservation> {
	const lives = LEAD_FLOWS.map((flow) => new LiveWorkflow(cluster.main, install, flow.workflow.id));
	for (const live of lives) await publish(live);

	let started = Date.now();
	const sending = sendLeads(cluster.main.url, 1);
	await waitForCreates(sandbox, KILL_AFTER_CREATES, sending);
	const held = holdCreates(sandbox);
	await held.inFlight;
	await cluster.killWorker(0);
	log(`worker 1 killed (SIGKILL) with ${held.count()} creates held in the sandbox, after the first ${KILL_AFTER_CREATES}`);
	// The dead worker's held creates are made now: its executions died after their request.
	held.release();
	await sending;
	await cluster.restartWorker(0);
	await settle(cluster);
	const firstSeconds = (Date.now() - started) / 1000;
	const afterFirst = LEAD_FLOWS.map((flow) => flow.drafts(sandbox));

	started = Date.now();
	await sendLeads(cluster.main.url, 2);
	await settle(cluster);
	const secondSeconds = (Date.now() - started) / 1000;

	const flows: FlowObservation[] = [];
	for (const [index, flow] of LEAD_FLOWS.entries()) {
		flows.push({
			runs: await leadRuns(cluster, lives[index], flow),
			afterFirst: afterFirst[index],
			afterSecond: flow.drafts(sandbox),
		});
	}
	return { flows, seconds: { first: firstSeconds, second: secondSeconds } };
}
