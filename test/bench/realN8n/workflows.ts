import type { Sandbox } from '../../sandbox/server';
import { code, connect, manualTrigger, type WorkflowJson, type WorkflowNode } from '../../e2e/workflow';
import type { CredentialImport } from './n8n';
import type { ApiRoutes, BenchTarget, Route } from './routes';

/** One create node hanging off a leads node; branches run one after another, top to bottom. */
export interface Branch {
	name: string;
	route: Route;
	target: BenchTarget;
	/** A short warm-up list (first runs load and compile code), or the measured one. */
	leads: 'warmUp' | 'measured';
	/** n8n's node setting Retry On Fail (3 tries, 1 s apart): what HTTP Request offers against a 429. */
	retryOnFail?: boolean;
}

export interface BenchWorkflow {
	workflow: WorkflowJson;
	credentials: CredentialImport[];
}

const LEADS = { warmUp: 'Warm-up leads', measured: 'Leads' } as const;

/** The email of lead `index` (from 0), as the leads nodes make them. */
export function leadEmail(index: number): string {
	return `lead${index + 1}@example.com`;
}

function leadsNode(name: string, count: number): WorkflowNode {
	return code(
		name,
		`return Array.from({ length: ${count} }, (_, i) => ({ json: { name: \`Lead \${i + 1}\`, email: \`lead\${i + 1}@example.com\`, company: \`Company \${i + 1}\` } }));`,
	);
}

let workflows = 0;
let credentials = 0;

/** IDs as n8n makes them: 16 characters. */
function id(prefix: string, count: number): string {
	return `${prefix}${String(count).padStart(16 - prefix.length, '0')}`;
}

/**
 * Start, a leads node for each list used, and the branches in the given order, with a credential
 * of its own for each branch. n8n's v1 execution order runs the branches of one node by their
 * position, top first, each to its end before the next.
 */
export function benchWorkflow(name: string, api: ApiRoutes, sandbox: Sandbox, branches: Branch[], counts: { warmUp: number; measured: number }): BenchWorkflow {
	const imports: CredentialImport[] = [];
	const lists = (['warmUp', 'measured'] as const).filter((list) => branches.some((branch) => branch.leads === list));
	const nodes: WorkflowNode[] = [{ ...manualTrigger(), position: [0, 0] }];
	lists.forEach((list, row) => nodes.push({ ...leadsNode(LEADS[list], counts[list]), position: [220, row * 1000] }));
	branches.forEach((branch, row) => {
		const credential = { ...api.credential(branch.route, branch.target, sandbox), id: id('benchCred', ++credentials), name: `${branch.name} credential` };
		imports.push(credential);
		const created = api.createNode(branch.route, branch.name, branch.target, sandbox, { id: credential.id, name: credential.name });
		const settings = branch.retryOnFail ? { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 } : {};
		nodes.push({ ...created, ...settings, position: [440, row * 100 + (branch.leads === 'measured' ? 1000 : 0)] });
	});
	const links: Array<[string, string]> = [
		...lists.map((list): [string, string] => ['Start', LEADS[list]]),
		...branches.map((branch): [string, string] => [LEADS[branch.leads], branch.name]),
	];
	const workflow: WorkflowJson = {
		id: id('benchWf', ++workflows),
		name: `bench: ${name}`,
		nodes,
		connections: connect(...links),
		settings: { executionOrder: 'v1' },
		active: false,
	};
	return { workflow, credentials: imports };
}
