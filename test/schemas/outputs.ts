import { createCompoundSchema } from 'genson-js';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { fetchTestEvent } from '../harness/poll';
import { Sandbox } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials } from '../support/sandbox';

/**
 * The output schemas the editor shows before a first run (n8n's `__schema__` convention:
 * `nodes/<Node>/__schema__/v<version>/<resource>/<operation>.json`, or `output.json` for a node
 * without operations), made from what each operation really outputs against the sandbox, with its
 * default settings. `npm run schemas` writes them; a test regenerates them and fails on drift.
 */

const VERSION_DIR = 'v1.0.0';
const ORG = Sandbox.HYPERREP_ORG_ID;
const INBOX = 'schemas@agentry.test';
const PDF = { data: Buffer.from('%PDF-1.4 quote').toString('base64'), mimeType: 'application/pdf', fileName: 'quote.pdf' };

type Outputs = Map<string, IDataObject[]>;

function schemaPath(node: string, resource?: string, operation?: string): string {
	const parts = resource && operation ? [resource, `${operation}.json`] : ['output.json'];
	return ['nodes', node, '__schema__', VERSION_DIR, ...parts].join('/');
}

/** The schema of a list of outputs: every field any of them has, required where all have it. */
export function schemaOf(outputs: IDataObject[]): object {
	return createCompoundSchema(outputs);
}

/** Every schema file's path and the outputs it describes. */
export async function collectOutputs(sandbox: Sandbox): Promise<Outputs> {
	const outputs: Outputs = new Map();
	const add = (path: string, items: INodeExecutionData[]) => {
		if (items.length === 0) throw new Error(`No output for ${path}`);
		outputs.set(path, [...(outputs.get(path) ?? []), ...items.map((item) => item.json)]);
	};
	await hyperRep(sandbox, add);
	await agentry(sandbox, add);
	await triggers(sandbox, add);
	return outputs;
}

type Add = (path: string, items: INodeExecutionData[]) => void;

async function run(sandbox: Sandbox, type: 'hyperRep' | 'agentry', parameters: INodeParameters, input?: INodeExecutionData[]) {
	const credentials = type === 'hyperRep' ? hyperRepCredentials(sandbox) : agentryCredentials(sandbox);
	const { items, nodeError } = await runNode({ type, parameters, credentials, input });
	if (nodeError) throw new Error(`${type} ${String(parameters.operation)}: ${nodeError.message}`);
	return items;
}

async function hyperRep(sandbox: Sandbox, add: Add) {
	const op = (operation: string) => schemaPath('HyperRep', 'messageDraft', operation);
	const call = async (parameters: INodeParameters) => await run(sandbox, 'hyperRep', { resource: 'messageDraft', ...parameters });
	add(op('create'), await call({ operation: 'create', toName: 'Diana Prince', toEmail: 'diana@example.com', subject: 'Quote', bodyHtml: '<p>Hi</p>', folder: 'Sales Follow-up' }));
	add(op('create'), await call({ operation: 'create', modality: 'text', toPhoneNumber: '+15138675309', textBody: 'Hi', delivery: 'sendNow' }));
	const [email, text] = sandbox.hyperrep.drafts(ORG).map((draft) => draft.draft_id).reverse();
	for (const draftId of [email, text]) add(op('get'), await call({ operation: 'get', draftId }));
	add(op('getAll'), await call({ operation: 'getAll', returnAll: true }));
	add(op('delete'), await call({ operation: 'delete', draftId: text }));
}

async function agentry(sandbox: Sandbox, add: Add) {
	sandbox.agentry.addInbox({ email: INBOX, display_name: 'Schemas' });
	const op = (resource: string, operation: string) => schemaPath('Agentry', resource, operation);
	const call = async (parameters: INodeParameters, input?: INodeExecutionData[]) =>
		await run(sandbox, 'agentry', { inboxId: byId(INBOX), ...parameters }, input);
	const create = { resource: 'draft', operation: 'create', to: 'Jane Doe <jane@example.com>', subject: 'Quote', text: 'Hi Jane' };
	// Each with a Client ID of its own: the harness runs every workflow as the same execution.
	const scheduledFields = { labels: ['quotes'], sendAt: '2030-01-02T09:00:00Z', clientId: 'schema-scheduled' };
	add(op('draft', 'create'), await call({ ...create, additionalFields: scheduledFields }));
	const attachments = { attachments: [{ source: 'binaryData', binaryPropertyName: 'data' }] };
	const withFileFields = { clientId: 'schema-with-file' };
	add(
		op('draft', 'create'),
		await call({ ...create, additionalFields: withFileFields, attachmentsUi: attachments }, [{ json: {}, binary: { data: PDF } }]),
	);
	const [withFile, scheduled] = sandbox.agentry.drafts(INBOX);
	const draft = (id: string) => ({ draftId: byId(id) });
	for (const id of [withFile.draft_id, scheduled.draft_id]) add(op('draft', 'get'), await call({ resource: 'draft', operation: 'get', ...draft(id) }));
	add(op('draft', 'getAll'), await call({ resource: 'draft', operation: 'getAll', returnAll: true }));
	add(op('draft', 'update'), await call({ resource: 'draft', operation: 'update', ...draft(scheduled.draft_id), updateFields: { subject: 'New quote' } }));

	const attachment = { resource: 'attachment', ...draft(withFile.draft_id) };
	add(op('attachment', 'add'), await call({ ...attachment, operation: 'add', source: 'url', url: 'https://files.example.com/terms.pdf' }));
	const [file] = withFile.attachments;
	add(op('attachment', 'get'), await call({ ...attachment, operation: 'get', attachmentId: file.attachment_id }));
	add(op('attachment', 'delete'), await call({ ...attachment, operation: 'delete', attachmentId: file.attachment_id }));

	add(op('draft', 'send'), await call({ resource: 'draft', operation: 'send', ...draft(withFile.draft_id) }));
	add(op('draft', 'delete'), await call({ resource: 'draft', operation: 'delete', ...draft(scheduled.draft_id) }));
}

async function triggers(sandbox: Sandbox, add: Add) {
	sandbox.hyperrep.addDraft(ORG, { subject: 'Waiting for review', body_html: '<p>Hi</p>' });
	const hyperRepEvent = await fetchTestEvent({
		type: 'hyperRepTrigger',
		parameters: { event: 'newMessageDraft' },
		credentials: hyperRepCredentials(sandbox),
	});
	add(schemaPath('HyperRepTrigger'), hyperRepEvent.items);

	const failed = sandbox.agentry.addDraft(INBOX, { subject: 'Renewal', to: ['joe@example.com'], send_at: '2030-01-02T09:00:00Z' });
	sandbox.agentry.setSendStatus(failed.draft_id, 'failed');
	const agentryEvent = await fetchTestEvent({
		type: 'agentryTrigger',
		parameters: { inboxId: byId(INBOX), events: ['draftCreatedOrUpdated', 'draftSendFailed'] },
		credentials: agentryCredentials(sandbox),
	});
	add(schemaPath('AgentryTrigger'), agentryEvent.items);
}
