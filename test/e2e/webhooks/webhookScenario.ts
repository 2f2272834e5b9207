import type { Sandbox } from '../../sandbox/server';
import type { Execution } from '../execution';
import type { WorkflowJson } from '../workflow';

/**
 * An example started by a Webhook node: published on `n8n start`, then called at its production
 * URL with the request its pinned data holds (what the CRM posts), as the CRM would call it.
 */
export interface WebhookScenario {
	title: string;
	workflow: WorkflowJson;
	/** The Webhook node, whose pinned item is the request the lane posts. */
	webhook: string;
	/** Parameters changed before publishing, as a user changes them in the editor (e.g. a shorter Wait). */
	changes?: Record<string, Record<string, unknown>>;
	checks(run: Execution, sandbox: Sandbox): Record<string, () => void>;
}

/** The body of the request pinned on the Webhook node (its output item's `body`). */
export function pinnedBody(scenario: WebhookScenario): unknown {
	const pinned = (scenario.workflow as WorkflowJson & { pinData?: Record<string, Array<{ json: { body?: unknown } }>> }).pinData;
	const body = pinned?.[scenario.webhook]?.[0]?.json.body;
	if (body === undefined) throw new Error(`${scenario.workflow.id}: no pinned request on ${scenario.webhook}`);
	return body;
}

/** The Webhook node's path, where n8n listens for the published workflow (`/webhook/<path>`). */
export function webhookPath(scenario: WebhookScenario): string {
	const node = scenario.workflow.nodes.find((entry) => entry.name === scenario.webhook);
	if (typeof node?.parameters.path !== 'string') throw new Error(`${scenario.workflow.id}: no Webhook node ${scenario.webhook}`);
	return node.parameters.path;
}
