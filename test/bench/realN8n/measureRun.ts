import type { Execution } from '../../e2e/execution';
import type { Sandbox } from '../../sandbox/server';
import { maxInFlight, meanInFlight } from '../../support/sandbox';
import type { ApiRoutes, Route } from './routes';
import { type Branch, leadEmail } from './workflows';

/** What one branch of an execution did, from n8n's run data and the sandbox's log and state. */
export interface BranchFigures {
	name: string;
	route: Route;
	/** The node's execution time as n8n records it (ms); undefined when the node did not run. */
	ms?: number;
	startTime?: number;
	requests: number;
	/** Answers other than a success, by status. */
	refusals: Record<string, number>;
	inFlightMax: number;
	inFlightMean: number;
	/** Drafts the target holds, and how many leads have more than one. */
	created: number;
	duplicated: number;
	outputItems: number;
	error?: string;
	/** What is wrong with an exactly-once, in-order result; empty when nothing is. */
	problems: string[];
}

/** The draft of each lead exists exactly once, and output item i is lead i's draft, linked to input item i. */
function problemsOf(figures: Omit<BranchFigures, 'problems'>, byEmail: Map<string, number>, outputEmails: Array<string | undefined>, paired: number[], drafts: number): string[] {
	const problems: string[] = [];
	const missing = Array.from({ length: drafts }, (_, i) => leadEmail(i)).filter((email) => !byEmail.has(email));
	if (figures.created !== drafts || figures.duplicated > 0 || missing.length > 0) {
		problems.push(`${figures.created} drafts for ${drafts} leads (${missing.length} missing, ${figures.duplicated} duplicated)`);
	}
	if (figures.outputItems !== drafts) problems.push(`${figures.outputItems} output items instead of ${drafts}`);
	const misplaced = outputEmails.findIndex((email, index) => email !== leadEmail(index) || paired[index] !== index);
	if (figures.outputItems === drafts && misplaced !== -1) problems.push(`output item ${misplaced} is not the draft of lead ${misplaced}`);
	return problems;
}

export function measureBranch(run: Execution, sandbox: Sandbox, api: ApiRoutes, branch: Branch, drafts: number): BranchFigures {
	const path = api.createPath(branch.target);
	const log = sandbox.log.filter((entry) => entry.method === 'POST' && entry.path === path);
	const refusals: Record<string, number> = {};
	for (const entry of log) if (entry.status < 200 || entry.status >= 300) refusals[entry.status] = (refusals[entry.status] ?? 0) + 1;

	const stored = api.stored(sandbox, branch.target);
	const byEmail = new Map<string, number>();
	for (const draft of stored) byEmail.set(draft.email, (byEmail.get(draft.email) ?? 0) + 1);
	const emailOf = new Map(stored.map((draft) => [draft.draftId, draft.email]));
	const items = run.items(branch.name);
	const outputEmails = items.map((item) => emailOf.get(String(item.json.draft_id)));
	const paired = items.map(({ pairedItem }) => (Array.isArray(pairedItem) ? pairedItem[0]?.item : pairedItem?.item) ?? -1);

	const timing = run.timing(branch.name);
	const figures = {
		name: branch.name,
		route: branch.route,
		ms: timing?.executionTime,
		startTime: timing?.startTime,
		requests: log.length,
		refusals,
		inFlightMax: maxInFlight(log),
		inFlightMean: meanInFlight(log),
		created: stored.length,
		duplicated: [...byEmail.values()].filter((count) => count > 1).length,
		outputItems: items.length,
		error: run.nodeError(branch.name),
	};
	return { ...figures, problems: problemsOf(figures, byEmail, outputEmails, paired, drafts) };
}

/** Whether the branches started in the planned order (n8n's v1 order by position). */
export function orderProblem(figures: BranchFigures[]): string | undefined {
	const started = figures.filter((entry) => entry.startTime !== undefined);
	const outOfOrder = started.findIndex((entry, index) => index > 0 && (entry.startTime as number) < (started[index - 1].startTime as number));
	return outOfOrder === -1 ? undefined : `${started[outOfOrder].name} ran before ${started[outOfOrder - 1].name}`;
}
