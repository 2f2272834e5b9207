import { type CapacitySettings, type CapacityStats, Sandbox } from '../sandbox/server';
import { maxInFlight } from '../support/sandbox';

/**
 * The sandbox in a process of its own, so that its work (parsing bodies, rendering pages) is
 * neither timed nor counted in the memory of the process that runs the nodes. Started by
 * `sandboxClient.ts` with an IPC channel; answers the commands below.
 */

export interface LoggedCall {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
}

function commands(sandbox: Sandbox) {
	let organizations = 0;
	return {
		setLatency(ms: number): void {
			sandbox.latencyMs = ms;
		},
		setLogging(enabled: boolean): void {
			sandbox.logEnabled = enabled;
		},
		seedHyperRepDrafts(count: number, organizationId: string = Sandbox.HYPERREP_ORG_ID): void {
			sandbox.hyperrep.seedDrafts(organizationId, count);
		},
		/** Drafts created now, one after another (the seed helpers stamp drafts in the past). */
		addHyperRepDrafts(organizationId: string, count: number): void {
			for (let i = 0; i < count; i++) sandbox.hyperrep.addDraft(organizationId, { subject: `New draft ${i + 1}` });
		},
		/** An empty organization with an API key of its own. */
		addHyperRepOrganization(): { organizationId: string; apiKey: string } {
			organizations++;
			const organization = { organizationId: `HR_org_bench_${organizations}`, apiKey: `hr_bench_key_${organizations}` };
			sandbox.hyperrep.addOrganization(organization);
			return organization;
		},
		addInbox(): string {
			return sandbox.agentry.addInbox({}).inbox_id;
		},
		seedAgentryDrafts(inboxId: string, count: number): string[] {
			return sandbox.agentry.seedDrafts(inboxId, count).map((draft) => draft.draft_id);
		},
		addAgentryDrafts(inboxId: string, count: number): void {
			for (let i = 0; i < count; i++) sandbox.agentry.addDraft(inboxId, { subject: `New draft ${i + 1}` });
		},
		/** The requests received since the last call. */
		takeLog(): LoggedCall[] {
			const calls = sandbox.log.map(({ method, path, query, body }) => ({ method, path, query, body }));
			sandbox.clearLog();
			return calls;
		},
		/** Queueing and a connection cap; `{}` turns both off. */
		setCapacity(settings: CapacitySettings): void {
			sandbox.capacity.clear();
			sandbox.capacity.set(settings);
		},
		capacityStats(): CapacityStats {
			return sandbox.capacity.stats();
		},
		/** How the requests logged since the last `takeLog` were served: each one's time at the API (waiting in line included), the most in flight at once. */
		takeTimings(): { latenciesMs: number[]; maxInFlight: number; capacity: CapacityStats } {
			const timings = {
				latenciesMs: sandbox.log.map((entry) => (entry.answeredAt ?? Number.NaN) - entry.receivedAt),
				maxInFlight: maxInFlight(sandbox.log),
				capacity: sandbox.capacity.stats(),
			};
			sandbox.clearLog();
			return timings;
		},
		/** The drafts of an organization (HyperRep) or inbox (Agentry) made twice: those whose subject an earlier one has. */
		duplicateDrafts(api: 'HyperRep' | 'Agentry', targetId: string): number {
			const drafts = api === 'HyperRep' ? sandbox.hyperrep.drafts(targetId) : sandbox.agentry.drafts(targetId);
			return drafts.length - new Set(drafts.map((draft) => draft.subject)).size;
		},
		createCounts(): { hyperrep: number; agentry: number } {
			return { hyperrep: sandbox.hyperrep.createCount, agentry: sandbox.agentry.createCount };
		},
		attachmentSizes(inboxId: string, draftId: string): number[] {
			const draft = sandbox.agentry.drafts(inboxId).find((candidate) => candidate.draft_id === draftId);
			return draft?.attachments.map((attachment) => attachment.size) ?? [];
		},
	};
}

export type SandboxCommands = ReturnType<typeof commands>;

export interface CommandMessage {
	id: number;
	name: keyof SandboxCommands;
	args: unknown[];
}

export type ReplyMessage = { ready: true; url: string } | { id: number; result?: unknown; error?: string };

async function main(): Promise<void> {
	// Logging stays on for the request counts; the upload scenario switches it off.
	const sandbox = await Sandbox.start({ latencyMs: 0, log: true });
	const handlers = commands(sandbox);
	const send = (message: ReplyMessage) => process.send?.(message);
	process.on('message', (message: CommandMessage) => {
		try {
			const handler = handlers[message.name] as (...args: unknown[]) => unknown;
			send({ id: message.id, result: handler(...message.args) });
		} catch (error) {
			send({ id: message.id, error: error instanceof Error ? error.message : String(error) });
		}
	});
	// The bench closing the channel (or dying) ends the sandbox too.
	process.on('disconnect', () => {
		void sandbox.stop().then(() => process.exit(0));
	});
	send({ ready: true, url: sandbox.url });
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
