import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runWorkflow, type WorkflowRun } from '../harness/engine';
import { PACKAGE } from '../harness/registry';
import { seedDemo } from '../sandbox/seed';
import { Sandbox } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials } from '../support/sandbox';
import { useTemporaryUserFolder } from '../support/userFolder';

/**
 * `npm run demo`: realistic workflows of both nodes, run by n8n-core's WorkflowExecute against the
 * sandbox API server, with a readable account of what each node did.
 */

const SALES_INBOX = 'sales@agentry.test';

function node(name: string, type: 'hyperRep' | 'agentry', parameters: IDataObject, extra: Partial<INode> = {}): INode {
	const credential = type === 'hyperRep' ? 'hyperRepApi' : 'agentryApi';
	return {
		id: name,
		name,
		type: `${PACKAGE}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { [credential]: { id: credential, name: credential } },
		...extra,
	};
}

/** Connects the nodes one after another. */
function chain(...names: string[]) {
	return Object.fromEntries(
		names.slice(0, -1).map((name, index) => [name, { main: [[{ node: names[index + 1], type: NodeConnectionTypes.Main, index: 0 }]] }]),
	);
}

function print(title: string, run: WorkflowRun, nodes: INode[], show: (name: string, item: INodeExecutionData) => string) {
	console.log(`\n▶ ${title}  [${run.run.status}]`);
	for (const { name } of nodes) {
		const error = run.error(name);
		if (error) {
			console.log(`  ${name}: failed: ${error.message}`);
			continue;
		}
		const items = run.output(name);
		console.log(`  ${name}: ${items.length} item${items.length === 1 ? '' : 's'}`);
		for (const item of items.slice(0, 5)) console.log(`    - ${show(name, item)}`);
		if (items.length > 5) console.log(`    … and ${items.length - 5} more`);
	}
}

async function followUpsForReview(sandbox: Sandbox) {
	const leads = [
		{ name: 'Diana Prince', email: 'diana@themyscira.example', company: 'Themyscira Imports', quote: 'Q-1042' },
		{ name: 'Bruce Wayne', email: 'bruce@wayne.example', company: 'Wayne Enterprises', quote: 'Q-1043' },
		{ name: 'Clark Kent', email: 'clark@dailyplanet.example', company: 'Daily Planet', quote: 'Q-1044' },
	];
	const nodes = [
		node('Draft follow-up', 'hyperRep', {
			resource: 'messageDraft',
			operation: 'create',
			toName: '={{ $json.name }}',
			toEmail: '={{ $json.email }}',
			subject: '={{ "Following up on quote " + $json.quote }}',
			bodyHtml: '={{ "<p>Hi " + $json.name.split(" ")[0] + ", checking in on the quote we sent " + $json.company + " yesterday.</p>" }}',
			delivery: 'saveForReview',
			notifyTeam: true,
			folder: 'Sales Follow-up',
		}),
		node('Review queue', 'hyperRep', { resource: 'messageDraft', operation: 'getAll', returnAll: false, limit: 5 }, { executeOnce: true }),
	];
	const run = await runWorkflow({
		nodes,
		connections: chain('Draft follow-up', 'Review queue'),
		credentials: hyperRepCredentials(sandbox),
		input: leads.map((lead) => ({ json: lead })),
	});
	print('HyperRep: CRM leads → email drafts saved for review in "Sales Follow-up", then the review queue', run, nodes, (name, { json }) =>
		name === 'Draft follow-up'
			? `${json.draft_id} in folder "${json.folder}", scheduled to send: ${json.scheduled_to_send}`
			: `${json.draft_id}  ${json.modality}  "${json.subject ?? ''}" → ${json.recipient_email ?? json.recipient_phone_number}  [${json.folder}]`,
	);
}

async function textSentNow(sandbox: Sandbox) {
	const nodes = [
		node('Text now', 'hyperRep', {
			resource: 'messageDraft',
			operation: 'create',
			modality: 'text',
			toName: 'Diana Prince',
			toPhoneNumber: '+1 513-867-5309',
			textBody: 'Hi Diana, your quote Q-1042 is ready. Reply YES to confirm.',
			delivery: 'sendNow',
		}),
	];
	const run = await runWorkflow({ nodes, credentials: hyperRepCredentials(sandbox) });
	print('HyperRep: a text message queued to send now', run, nodes, (_name, { json }) =>
		`${json.draft_id} queued at ${json.scheduled_send_at}`,
	);
}

async function quoteWithAttachment(sandbox: Sandbox) {
	const quote = Buffer.from('%PDF-1.4\n% Quote Q-1042 for Themyscira Imports: 1,200 EUR\n%%EOF\n');
	const nodes = [
		node('Draft with quote', 'agentry', {
			resource: 'draft',
			operation: 'create',
			inboxId: byId(SALES_INBOX),
			to: '={{ $json.name + " <" + $json.email + ">" }}',
			subject: 'Your quote Q-1042',
			text: 'Hi Diana,\n\nplease find your quote attached.\n\nBest,\nThe sales team',
			additionalFields: { labels: ['quotes'] },
			attachmentsUi: { attachments: [{ source: 'binaryData', binaryPropertyName: 'data' }] },
		}),
		node('Send it', 'agentry', {
			resource: 'draft',
			operation: 'send',
			inboxId: byId(SALES_INBOX),
			draftId: byId('={{ $json.draft_id }}'),
		}),
	];
	const run = await runWorkflow({
		nodes,
		connections: chain('Draft with quote', 'Send it'),
		credentials: agentryCredentials(sandbox),
		input: [
			{
				json: { name: 'Diana Prince', email: 'diana@themyscira.example' },
				binary: { data: { data: quote.toString('base64'), mimeType: 'application/pdf', fileName: 'quote-Q-1042.pdf' } },
			},
		],
	});
	print('Agentry: a draft with the quote PDF from binary data, then sent', run, nodes, (name, { json }) =>
		name === 'Draft with quote'
			? `${json.draft_id} "${json.subject}" to ${(json.to as string[]).join(', ')}, ${json.attachment_count} attachment, labels ${JSON.stringify(json.labels)}`
			: `${json.draft_id}: ${json.status} (draft only: ${json.draft_only})`,
	);
}

async function downloadAnAttachment(sandbox: Sandbox) {
	const [draft] = sandbox.agentry.drafts(SALES_INBOX).filter((entry) => (entry.attachments ?? []).length > 0);
	const nodes = [
		node('Inbox drafts', 'agentry', { resource: 'draft', operation: 'getAll', inboxId: byId(SALES_INBOX), returnAll: true }),
		node('Download attachment', 'agentry', {
			resource: 'attachment',
			operation: 'get',
			inboxId: byId(SALES_INBOX),
			draftId: byId(draft.draft_id),
			attachmentId: draft.attachments?.[0].attachment_id ?? '',
			options: { download: true },
		}, { executeOnce: true }),
	];
	const run = await runWorkflow({
		nodes,
		connections: chain('Inbox drafts', 'Download attachment'),
		credentials: agentryCredentials(sandbox),
	});
	print('Agentry: the inbox\'s drafts (Return All), then one attachment downloaded as binary data', run, nodes, (name, item) =>
		name === 'Inbox drafts'
			? `${item.json.draft_id} "${item.json.subject ?? ''}" → ${((item.json.to as string[]) ?? []).join(', ')}`
			: `${item.json.filename}: ${item.binary?.data.fileSize} as binary "data" (${item.binary?.data.mimeType})`,
	);
}

async function main() {
	const removeUserFolder = useTemporaryUserFolder();
	const sandbox = await Sandbox.start();
	seedDemo(sandbox);
	console.log(`Demo: workflows run by n8n-core against the sandbox API at ${sandbox.url}`);
	try {
		await followUpsForReview(sandbox);
		await textSentNow(sandbox);
		await quoteWithAttachment(sandbox);
		await downloadAnAttachment(sandbox);
		const requests = sandbox.log.length;
		const failed = sandbox.log.filter((entry) => entry.status >= 400).length;
		console.log(`\nThe sandbox answered ${requests} API requests (${failed} with an error status); attachment downloads: ${sandbox.downloadLog.length}.`);
	} finally {
		await sandbox.stop();
		removeUserFolder();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
