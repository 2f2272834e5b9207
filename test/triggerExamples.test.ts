import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { CredentialsByType } from './harness/engine';
import { fetchTestEvent } from './harness/poll';
import { PACKAGE } from './harness/registry';
import { hyperrep, hrPath } from './sandbox/testClient';
import { agentryCredentials, hyperRepCredentials, useSandbox } from './support/sandbox';

const sandbox = useSandbox();

interface ExampleNode {
	name: string;
	type: string;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
}

function example(file: string) {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', 'examples', file), 'utf8')) as {
		nodes: ExampleNode[];
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	};
	const trigger = workflow.nodes.find((node) => node.type.startsWith(`${PACKAGE}.`)) as ExampleNode;
	const next = workflow.connections[trigger.name].main[0][0].node;
	const code = workflow.nodes.find((node) => node.name === next) as ExampleNode;
	return { trigger, code };
}

/**
 * The Code node's JavaScript, on the trigger's output, with the `$input` n8n gives it. The
 * workflow itself, Code node and all, runs in a real n8n in the e2e lane.
 */
function runCode(jsCode: unknown, items: INodeExecutionData[]): IDataObject[] {
	const $input = { all: () => items };
	const run = new Function('$input', String(jsCode)) as (input: typeof $input) => INodeExecutionData[];
	return run($input).map((item) => item.json);
}

/** The example's trigger, as configured, fetches its test event; its Code node then runs on that event. */
async function triggerThenCode({ trigger, code }: ReturnType<typeof example>, credentials: CredentialsByType) {
	const { items, error } = await fetchTestEvent({
		type: trigger.type.slice(PACKAGE.length + 1),
		parameters: trigger.parameters as INodeParameters,
		credentials,
	});
	expect(error).toBeUndefined();
	return { items, output: runCode(code.parameters.jsCode, items) };
}

test('draft awaiting review: the trigger as configured finds the draft saved for review, and the channel message names it', async () => {
	const { trigger, code } = example('draft-awaiting-review-to-channel.json');
	expect(trigger.credentials).toEqual({ hyperRepApi: { id: 'hyperrepCred0001', name: 'HyperRep account' } });
	for (const [autosend, subject] of [[false, 'Your quote, revised'], [true, 'Queued at once']] as const) {
		await hyperrep(sandbox(), 'POST', hrPath(), {
			body: { modality: 'email', subject, to_user_name: 'Diana Prince', to_email: 'diana@example.com', folder: 'Sales Follow-up', autosend_draft: autosend, add_notification: false },
		});
	}
	const { items, output } = await triggerThenCode({ trigger, code }, hyperRepCredentials(sandbox()));
	expect(output).toEqual([
		{
			channel: '#sales-review',
			draft_id: items[0].json.draft_id,
			text: 'New email draft waiting for review in sales-follow-up: "Your quote, revised" to Diana Prince <diana@example.com>',
		},
	]);
});

test('scheduled send failed: the trigger as configured finds the failed draft, and the alert names it', async () => {
	const { trigger, code } = example('agentry-send-failed-alert.json');
	expect(trigger.credentials).toEqual({ agentryApi: { id: 'agentryCred00001', name: 'Agentry account' } });
	sandbox().agentry.addInbox({ email: 'sales@agentry.test', display_name: 'Sales' });
	const draft = sandbox().agentry.addDraft('sales@agentry.test', {
		subject: 'Renewal offer',
		to: ['Joe Doe <joe@example.com>'],
		send_at: '2030-01-02T09:00:00.000Z',
		send_status: 'failed',
	});
	const { output } = await triggerThenCode({ trigger, code }, agentryCredentials(sandbox()));
	expect(output).toEqual([
		{
			channel: '#sales-alerts',
			draft_id: draft.draft_id,
			text: 'Scheduled send failed: "Renewal offer" to Joe Doe <joe@example.com> (planned for 2030-01-02T09:00:00.000Z). Fix it and reschedule or send it from Agentry.',
		},
	]);
});
