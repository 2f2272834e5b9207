import { Container } from '@n8n/di';
import { PollContext } from 'n8n-core';
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { deepCopy, Workflow } from 'n8n-workflow';

import type { CredentialsByType } from './engine';
import { additionalData, credentialReferences, nodeTypes, releaseEngineTimers, runWorkflow } from './engine';
import { PACKAGE } from './registry';

export interface TriggerSpec {
	/** The node's short name, e.g. `hyperRepTrigger`. */
	type: string;
	parameters: INodeParameters;
	credentials: CredentialsByType;
	name?: string;
}

export interface PollOutcome {
	/** What the poll emitted: the items n8n starts an execution with (none when it returned null). */
	items: INodeExecutionData[];
	/** The error n8n recorded as an error execution, when the poll failed. */
	error?: Error;
}

const WORKFLOW_ID = 'test-polling-workflow';

function triggerNode(spec: TriggerSpec): INode {
	return {
		id: 'trigger-1',
		name: spec.name ?? 'Trigger',
		type: `${PACKAGE}.${spec.type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: spec.parameters,
		credentials: credentialReferences(spec.credentials),
	};
}

/**
 * A polling trigger in an active workflow, run as n8n runs one (n8n-core's
 * `ActiveWorkflows.activatePolling`, the CLI's `getExecutePollFunctions`): one Workflow kept in
 * memory while active, one PollContext in `trigger` mode for every poll, `poll()` called through
 * n8n-core's `TriggersAndPollers`, the items of a non-null result emitted, a failure reported as
 * an error execution. The workflow's static data is saved, as to n8n's database, after activation
 * and whenever a poll emits; `restart()` reloads the workflow from what was saved. Tests call
 * `poll()` where n8n's cron would; as n8n's cron, a poll may start while another is running (both
 * on the one Workflow, sharing its static data).
 */
export class ActiveTrigger {
	private readonly workflow: Workflow;
	private readonly node: INode;
	private readonly context: PollContext;
	/** The outcome of the poll now calling n8n's emit (emits are synchronous, so one at a time). */
	private emitting: PollOutcome = { items: [] };
	private saved: IDataObject;

	private constructor(
		private readonly spec: TriggerSpec,
		saved: IDataObject,
		activation: WorkflowActivateMode,
	) {
		this.saved = saved;
		this.node = triggerNode(spec);
		this.workflow = new Workflow({
			id: WORKFLOW_ID,
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: deepCopy(saved),
		});
		const emit = (data: INodeExecutionData[][]) => {
			this.save();
			this.emitting.items = data[0] ?? [];
		};
		const emitError = (error: Error) => {
			this.emitting.error = error;
		};
		this.context = new PollContext(this.workflow, this.node, additionalData(spec.credentials), 'trigger', activation, emit, emitError);
	}

	/**
	 * Activates the workflow: n8n runs the first poll at once and fails the activation if it
	 * throws. Resolves to the active trigger and what its first poll emitted.
	 */
	static async activate(
		spec: TriggerSpec,
		{ savedStaticData = {}, activation = 'activate' }: { savedStaticData?: IDataObject; activation?: WorkflowActivateMode } = {},
	): Promise<{ trigger: ActiveTrigger; first: PollOutcome }> {
		const trigger = new ActiveTrigger(spec, savedStaticData, activation);
		const first = await trigger.run(true);
		trigger.save();
		return { trigger, first };
	}

	/** One scheduled poll. */
	async poll(): Promise<PollOutcome> {
		return await this.run(false);
	}

	/** n8n restarting: the workflow loaded from the saved static data and activated again. */
	async restart(): Promise<{ trigger: ActiveTrigger; first: PollOutcome }> {
		return await ActiveTrigger.activate(this.spec, { savedStaticData: this.savedStaticData(), activation: 'init' });
	}

	/**
	 * n8n saving the workflow's static data now, as it does whenever any trigger of the workflow
	 * emits, also while this trigger's poll is running.
	 */
	persist(): void {
		this.workflow.staticData.__dataChanged = true;
		this.save();
	}

	/** The static data n8n has saved (a copy). */
	savedStaticData(): IDataObject {
		return deepCopy(this.saved);
	}

	/** The trigger node's static data in memory (a copy). */
	nodeStaticData(): IDataObject {
		return deepCopy(this.workflow.getStaticData('node', this.node));
	}

	/** n8n-core's poll function (`createPollExecuteFn`), for one run. */
	private async run(testingTrigger: boolean): Promise<PollOutcome> {
		const outcome: PollOutcome = { items: [] };
		try {
			const response = await Container.get(TriggersAndPollers).runPoll(this.workflow, this.node, this.context);
			this.emitting = outcome;
			if (response !== null) this.context.__emit(response);
		} catch (error) {
			if (testingTrigger) throw error;
			this.emitting = outcome;
			this.context.__emitError(error as Error);
		} finally {
			releaseEngineTimers();
		}
		return outcome;
	}

	/** The CLI's `WorkflowStaticDataService.saveStaticData`: only when the data changed. */
	private save(): void {
		const staticData = this.workflow.staticData;
		if (staticData.__dataChanged !== true) return;
		this.saved = deepCopy(staticData);
		staticData.__dataChanged = false;
	}
}

/**
 * Fetch Test Event: the editor runs the trigger alone in a manual execution through
 * WorkflowExecute, with the workflow's static data loaded. Resolves to the items, the error, and
 * the static data after the run.
 */
export async function fetchTestEvent(spec: TriggerSpec, staticData: IDataObject = {}) {
	const node = triggerNode(spec);
	const loaded = deepCopy(staticData);
	const { output, error } = await runWorkflow({ nodes: [node], credentials: spec.credentials, staticData: loaded });
	return { items: output(node.name), error: error(node.name), staticData: deepCopy(loaded) };
}
