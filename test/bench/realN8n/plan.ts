import type { Sandbox } from '../../sandbox/server';
import { type BranchFigures, measureBranch, orderProblem } from './measureRun';
import type { RealN8n } from './n8n';
import type { ApiRoutes } from './routes';
import { type Branch, benchWorkflow, type BenchWorkflow } from './workflows';

export interface LeadCounts {
	warmUp: number;
	measured: number;
}

/** The faulted run: every `every`th create of a target is answered 429 with Retry-After. */
export interface Fault {
	every: number;
	retryAfterS: number;
}

/** One `n8n execute`: a workflow, its branches (each with a target of its own), and what the sandbox does meanwhile. */
export interface Plan {
	api: ApiRoutes;
	built: BenchWorkflow;
	branches: Branch[];
	counts: LeadCounts;
	latencyMs: number;
	fault?: Fault;
}

export interface Executed {
	plan: Plan;
	branches: BranchFigures[];
	commandMs: number;
	succeeded: boolean;
	failure?: string;
	/** What is wrong with the execution itself (branches out of order, an unexpected failure). */
	problems: string[];
}

export function plan(
	api: ApiRoutes,
	sandbox: Sandbox,
	name: string,
	branches: Array<Omit<Branch, 'target'>>,
	options: { counts: LeadCounts; latencyMs: number; fault?: Fault },
): Plan {
	const full = branches.map((branch) => ({ ...branch, target: api.newTarget(sandbox) }));
	return { api, branches: full, ...options, built: benchWorkflow(name, api, sandbox, full, options.counts) };
}

/** Runs a plan's workflow (imported before) and measures each branch; `env` goes to the n8n process. */
export async function executePlan(n8n: RealN8n, sandbox: Sandbox, current: Plan, env: Record<string, string> = {}): Promise<Executed> {
	sandbox.clearLog();
	sandbox.faults.clear();
	sandbox.latencyMs = current.latencyMs;
	const { fault } = current;
	if (fault) {
		for (const branch of current.branches) {
			const path = current.api.createPath(branch.target);
			sandbox.faults.add({ match: { method: 'POST', path }, every: fault.every, kind: 'status', status: 429, retryAfter: String(fault.retryAfterS) });
		}
	}
	const { run, commandMs } = await n8n.execute(current.built.workflow.id, env);
	sandbox.faults.clear();
	const branches = current.branches.map((branch) => measureBranch(run, sandbox, current.api, branch, current.counts[branch.leads]));
	const problems: string[] = [];
	const order = orderProblem(branches);
	if (order) problems.push(order);
	if (!fault && !run.succeeded) problems.push(`the execution failed: ${run.failure}`);
	return { plan: current, branches, commandMs, succeeded: run.succeeded, failure: run.succeeded ? undefined : run.failure, problems };
}
