import type { INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, useSandbox } from '../support/sandbox';

/**
 * n8n's three "On Error" settings, for every operation of both nodes: each run has a good item and
 * a failing one (an API 404 or input refused before sending), and each setting has its contract.
 */
const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const INBOX = 'errors@agentry.test';
const FILE = { data: Buffer.from('%PDF-1.4').toString('base64'), mimeType: 'application/pdf', fileName: 'a.pdf' };

/** Each operation reads what differs between the two items from `$json.value`. */
const VALUE = '={{ $json.value }}';

interface Case {
	node: 'hyperRep' | 'agentry';
	parameters: INodeParameters;
	/** The item values of the good and of the failing item, made once the sandbox is seeded. */
	values: (seed: Seed) => [string | number, string | number];
	/** What the failed item's error says. */
	message: RegExp;
	/** Input items carry a binary file. */
	binary?: boolean;
}

interface Seed {
	hyperRepDraft: string;
	agentryDraft: string;
	attachment: string;
}

const draftTarget = { inboxId: byId(INBOX), draftId: byId(VALUE) };

const cases: Record<string, Case> = {
	'HyperRep create': {
		node: 'hyperRep',
		parameters: { resource: 'messageDraft', operation: 'create', toEmail: VALUE, subject: 'Hi' },
		values: () => ['lead@example.com', 'not-an-address'],
		message: /^To Email is not a valid email address/,
	},
	'HyperRep get': {
		node: 'hyperRep',
		parameters: { resource: 'messageDraft', operation: 'get', draftId: VALUE },
		values: (seed) => [seed.hyperRepDraft, 'HR_id_missing'],
		message: /was not found/,
	},
	'HyperRep get many': {
		node: 'hyperRep',
		parameters: { resource: 'messageDraft', operation: 'getAll', returnAll: false, limit: VALUE },
		values: () => [1, 0],
		message: /^Limit must be a whole number/,
	},
	'HyperRep delete': {
		node: 'hyperRep',
		parameters: { resource: 'messageDraft', operation: 'delete', draftId: VALUE },
		values: (seed) => [seed.hyperRepDraft, 'HR_id_missing'],
		message: /was not found/,
	},
	'Agentry draft create': {
		node: 'agentry',
		parameters: { resource: 'draft', operation: 'create', inboxId: byId(VALUE), to: 'jane@example.com', subject: 'Hi' },
		values: () => [INBOX, 'missing@agentry.test'],
		message: /^Inbox "missing@agentry.test" was not found$/,
	},
	'Agentry draft get': {
		node: 'agentry',
		parameters: { resource: 'draft', operation: 'get', ...draftTarget },
		values: (seed) => [seed.agentryDraft, 'dr_missing'],
		message: /^Draft "dr_missing" was not found/,
	},
	'Agentry draft get many': {
		node: 'agentry',
		parameters: { resource: 'draft', operation: 'getAll', inboxId: byId(VALUE), returnAll: true },
		values: () => [INBOX, 'missing@agentry.test'],
		message: /^Inbox "missing@agentry.test" was not found$/,
	},
	'Agentry draft update': {
		node: 'agentry',
		parameters: { resource: 'draft', operation: 'update', ...draftTarget, updateFields: { subject: 'New' } },
		values: (seed) => [seed.agentryDraft, 'dr_missing'],
		message: /^Draft "dr_missing" was not found/,
	},
	'Agentry draft delete': {
		node: 'agentry',
		parameters: { resource: 'draft', operation: 'delete', ...draftTarget },
		values: (seed) => [seed.agentryDraft, 'dr_missing'],
		message: /^Draft "dr_missing" was not found/,
	},
	'Agentry draft send': {
		node: 'agentry',
		parameters: { resource: 'draft', operation: 'send', ...draftTarget },
		values: (seed) => [seed.agentryDraft, 'dr_missing'],
		message: /^Draft "dr_missing" was not found/,
	},
	'Agentry attachment add': {
		node: 'agentry',
		parameters: { resource: 'attachment', operation: 'add', ...draftTarget, source: 'binaryData', binaryPropertyName: 'data' },
		values: (seed) => [seed.agentryDraft, 'dr_missing'],
		message: /^Draft "dr_missing" was not found/,
		binary: true,
	},
	'Agentry attachment get': {
		node: 'agentry',
		parameters: { resource: 'attachment', operation: 'get', inboxId: byId(INBOX), draftId: '={{ $json.draft }}', attachmentId: VALUE },
		values: (seed) => [seed.attachment, 'att_missing'],
		message: /^Attachment "att_missing" was not found/,
	},
	'Agentry attachment delete': {
		node: 'agentry',
		parameters: { resource: 'attachment', operation: 'delete', inboxId: byId(INBOX), draftId: '={{ $json.draft }}', attachmentId: VALUE },
		values: (seed) => [seed.attachment, 'att_missing'],
		message: /^Attachment "att_missing" was not found/,
	},
};

function seed(): Seed {
	sandbox().agentry.addInbox({ email: INBOX, display_name: 'Errors' });
	const agentryDraft = sandbox().agentry.addDraft(INBOX, { subject: 'Quote', to: ['jane@example.com'] }).draft_id;
	const attachment = sandbox().agentry.addAttachment(agentryDraft, { content: Buffer.from('x'), filename: 'x.txt' });
	const hyperRepDraft = sandbox().hyperrep.addDraft(ORG, { subject: 'Hello' }).draft_id;
	return { hyperRepDraft, agentryDraft, attachment: attachment.attachment_id };
}

async function run(spec: Case, onError: INode['onError']) {
	const ids = seed();
	const input: INodeExecutionData[] = spec.values(ids).map((value) => ({
		json: { value, draft: ids.agentryDraft },
		...(spec.binary ? { binary: { data: FILE } } : {}),
	}));
	const credentials = spec.node === 'hyperRep' ? hyperRepCredentials(sandbox()) : agentryCredentials(sandbox());
	return await runNode({ type: spec.node, parameters: spec.parameters, credentials, input, onError });
}

describe.each(Object.entries(cases))('%s', (_name, spec) => {
	test('On Error "Stop Workflow": the node fails with the failing item\'s error', async () => {
		const { items, nodeError } = await run(spec, 'stopWorkflow');
		expect(nodeError?.message).toMatch(spec.message);
		expect((nodeError as { context?: { itemIndex?: number } })?.context?.itemIndex).toBe(1);
		expect(items).toEqual([]);
	});

	test('On Error "Continue": the error item keeps its readable fields, linked to its input item', async () => {
		const { items, errorItems, nodeError } = await run(spec, 'continueRegularOutput');
		expect(nodeError).toBeUndefined();
		expect(errorItems).toEqual([]);
		const failed = items.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toMatch(spec.message);
		expect(failed[0].pairedItem).toEqual({ item: 1 });
		expect(items.at(-1)).toBe(failed[0]);
		for (const item of items.slice(0, -1)) expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('On Error "Continue (using error output)": failed items leave by the error output', async () => {
		const { items, errorItems, nodeError } = await run(spec, 'continueErrorOutput');
		expect(nodeError).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			expect(item.json.error).toBeUndefined();
			expect(item.pairedItem).toEqual({ item: 0 });
		}
		expect(errorItems).toHaveLength(1);
		expect(errorItems[0].json.error).toMatch(spec.message);
		expect(errorItems[0].pairedItem).toEqual({ item: 1 });
	});
});
