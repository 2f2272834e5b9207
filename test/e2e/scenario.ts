import type { Sandbox } from '../sandbox/server';
import type { ScriptedChatModel } from './chatModel';
import type { Execution } from './execution';
import type { WorkflowJson } from './workflow';

/** What a scenario's checks can look at besides the execution: the sandbox and the chat model. */
export interface Lane {
	sandbox: Sandbox;
	chatModel: ScriptedChatModel;
}

/**
 * One workflow run by `n8n execute`: set up before (seed data, faults, the model's script), then
 * checked by name. A check throws (node:assert) when what n8n or the sandbox shows is wrong.
 */
export interface Scenario {
	title: string;
	workflow: WorkflowJson;
	/** Whether the execution itself should succeed (exit code 0); default true. */
	succeeds?: boolean;
	prepare?(lane: Lane): void;
	checks(run: Execution, lane: Lane): Record<string, () => void>;
}
