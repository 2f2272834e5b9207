import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	IDataObject,
	IConnections,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';
import { createDeferredPromise, createRunExecutionData, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { wireDeduplication } from './deduplication';
import { PACKAGE, TestNodeTypes } from './registry';

export const nodeTypes = new TestNodeTypes();

export type CredentialsByType = Record<string, ICredentialDataDecryptedObject>;

/** What n8n's CLI hands the engine, with nothing behind it but the test's credentials. */
export function additionalData(credentials: CredentialsByType, hooks?: ExecutionLifecycleHooks) {
	const credentialsHelper = new TestCredentialsHelper();
	for (const [type, data] of Object.entries(credentials)) credentialsHelper.set(type, data);
	const unavailable = async () => {
		throw new Error('Not available in the test harness');
	};
	return {
		credentialsHelper,
		hooks,
		executionId: 'test-execution',
		// Starting anywhere but 0 makes the engine's execution indexes NaN.
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
		executeWorkflow: unavailable,
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: unavailable,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A node's references to the test's credentials, one per type, as the editor stores them. */
export function credentialReferences(credentials: CredentialsByType): INode['credentials'] {
	return Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: `${type}-id`, name: type }]));
}

export interface WorkflowRun {
	run: IRun;
	/** The items a node put on an output, the first by default (empty when it failed). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error a node ended with, if any. */
	error(nodeName: string): ExecutionError | undefined;
}

export interface WorkflowSpec {
	nodes: INode[];
	connections?: IConnections;
	credentials?: CredentialsByType;
	/** The items the first node receives. */
	input?: INodeExecutionData[];
	settings?: IWorkflowSettings;
	/** The workflow's static data, as n8n loads it with the workflow. */
	staticData?: IDataObject;
	/** Cancels the execution as n8n's Stop button does. */
	abortSignal?: AbortSignal;
}

/** Runs a workflow through n8n-core's WorkflowExecute, exactly as n8n runs a manual execution. */
export async function runWorkflow(spec: WorkflowSpec): Promise<WorkflowRun> {
	await wireDeduplication();
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: spec.nodes,
		connections: spec.connections ?? {},
		active: false,
		nodeTypes,
		settings: spec.settings,
		staticData: spec.staticData,
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		isArchived: false,
		nodes: spec.nodes,
		connections: spec.connections ?? {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});
	const finished = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));

	const startNode = spec.nodes[0];
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: startNode, data: { main: [spec.input ?? [{ json: {} }]] }, source: null },
			],
		},
	});
	const execution = new WorkflowExecute(
		additionalData(spec.credentials ?? {}, hooks),
		'manual',
		runExecutionData,
	);
	const promise = execution.processRunExecutionData(workflow);
	spec.abortSignal?.addEventListener('abort', () => promise.cancel());
	try {
		await promise;
	} catch (error) {
		// Cancelling rejects the promise; the hooks still report the run.
		if (!spec.abortSignal?.aborted) throw error;
	}
	const run = await finished.promise;
	releaseEngineTimers();
	const taskOf = (name: string) => run.data.resultData.runData[name]?.at(-1);
	return {
		run,
		output: (name, outputIndex = 0) => taskOf(name)?.data?.main?.[outputIndex] ?? [],
		error: (name) => taskOf(name)?.error,
	};
}

export interface NodeSpec {
	/** The node's short name, e.g. `hyperRep`. */
	type: string;
	parameters: INodeParameters;
	credentials?: CredentialsByType;
	input?: INodeExecutionData[];
	/** Shorthand for `onError: 'continueRegularOutput'`. */
	continueOnFail?: boolean;
	/** The node's "On Error" setting; unset stops the workflow, as n8n's default does. */
	onError?: INode['onError'];
	retryOnFail?: { maxTries: number; waitBetweenTries: number };
	abortSignal?: AbortSignal;
	name?: string;
	/** Workflow settings, e.g. its `timezone`. */
	settings?: IWorkflowSettings;
}

/** Runs one node of the package on the given input items and returns its run. */
export async function runNode(spec: NodeSpec) {
	const name = spec.name ?? 'Node';
	const node: INode = {
		id: 'node-1',
		name,
		type: `${PACKAGE}.${spec.type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: spec.parameters,
		credentials: credentialReferences(spec.credentials ?? {}),
		onError: spec.onError ?? (spec.continueOnFail ? 'continueRegularOutput' : undefined),
		retryOnFail: spec.retryOnFail !== undefined,
		maxTries: spec.retryOnFail?.maxTries,
		waitBetweenTries: spec.retryOnFail?.waitBetweenTries,
	};
	const result = await runWorkflow({
		nodes: [node],
		credentials: spec.credentials,
		input: spec.input,
		abortSignal: spec.abortSignal,
		settings: spec.settings,
	});
	return {
		...result,
		items: result.output(name),
		/** What left by the error output (On Error: continue using error output). */
		errorItems: result.output(name, 1),
		nodeError: result.error(name),
	};
}

/**
 * n8n-core's SSH client manager starts a 60 s cleanup interval on first use and never clears
 * it, which keeps a test process alive: shut it down once a run is over.
 */
export function releaseEngineTimers(): void {
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
}
