import type { LoggedRequest, Sandbox } from '../../sandbox/server';
import type { WorkflowJson } from '../workflow';

/** Drafts a step made or changed in the sandbox, by the names the step's expectations use. */
export type Names = Record<string, string>;
export type Json = Record<string, unknown>;

/** Something that happens in the sandbox while the trigger is live, and what the workflow must do about it. */
export interface TriggerStep {
	what: string;
	/** Given the names of the steps before, for a step that changes their drafts. */
	act(sandbox: Sandbox, earlier: Names): Names;
	/** When set, Fetch Test Event runs right after the act and must return these items (see `key`). */
	fetches?(names: Names): string[];
	/** What the live trigger emits after the act, over every execution: each of these once, nothing else. */
	emits(names: Names): string[];
	/** What the node after the trigger outputs for those items (in the order of `emits`). */
	output(names: Names, sandbox: Sandbox): Json[];
}

/** A polling-trigger example, published on `n8n start` with polls every 5 s. */
export interface TriggerScenario {
	title: string;
	workflow: WorkflowJson;
	trigger: string;
	/** The node the trigger's items go to. */
	next: string;
	/** A request that starts a poll (or a Fetch Test Event): the first page of the trigger's list. */
	isPoll(request: LoggedRequest): boolean;
	/** An emitted item's identity: its draft, and its event where the trigger has several. */
	key(json: Json): string;
	/** The drafts there before activation, which must not be replayed. */
	history(sandbox: Sandbox): void;
	steps: TriggerStep[];
}
