import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const INBOX = 'sales@agentry.test';
const GOOD_DRAFT = 'HR_id_good';
const FILE = { data: Buffer.from('%PDF-1.4 quote').toString('base64'), mimeType: 'application/pdf', fileName: 'quote.pdf' };

/** The value under test comes from the item, so one run mixes good and bad items. */
const VALUE = '={{ $json.value }}';

interface BadInput {
	node: 'hyperRep' | 'agentry';
	parameters: INodeParameters;
	/** A good value, or the good values of the first and last item when they must differ. */
	good: unknown;
	goodLast?: unknown;
	bad: unknown;
	message: RegExp;
}

/** Set by `seed`: an attachment ID the sandbox assigns. */
let attachmentId = '';

const hyperRepGet = { resource: 'messageDraft', operation: 'get', draftId: VALUE };
const hyperRepEmail = { resource: 'messageDraft', operation: 'create', toEmail: 'lead@example.com', subject: 'Hi' };
const hyperRepText = { resource: 'messageDraft', operation: 'create', modality: 'text', toPhoneNumber: '+15138675309', textBody: 'Hi' };
const hyperRepList = { resource: 'messageDraft', operation: 'getAll', returnAll: false, limit: 5 };
const agentryCreate = { resource: 'draft', operation: 'create', inboxId: byId(INBOX), to: 'jane@example.com', subject: 'Hi' };
const agentryGet = { resource: 'draft', operation: 'get', inboxId: byId(INBOX), draftId: byId('dr_good') };

const cases: Record<string, BadInput> = {
	'an empty draft ID': { node: 'hyperRep', parameters: hyperRepGet, good: GOOD_DRAFT, bad: '', message: /^Draft is empty: give its ID$/ },
	'a whitespace draft ID': { node: 'hyperRep', parameters: hyperRepGet, good: GOOD_DRAFT, bad: '   ', message: /^Draft is empty: give its ID$/ },
	'a draft ID with /': { node: 'hyperRep', parameters: hyperRepGet, good: GOOD_DRAFT, bad: 'a/b', message: /^Draft "a\/b" is not a valid ID/ },
	'a draft ID of ..': { node: 'hyperRep', parameters: hyperRepGet, good: GOOD_DRAFT, bad: '..', message: /^Draft "\.\." is not a valid ID/ },
	'a draft ID of .': { node: 'hyperRep', parameters: hyperRepGet, good: GOOD_DRAFT, bad: '.', message: /^Draft "\." is not a valid ID/ },
	'an Agentry draft ID of . on send': { node: 'agentry', parameters: { ...agentryGet, operation: 'send', draftId: byId(VALUE) }, good: 'dr_good', goodLast: 'dr_good_2', bad: '.', message: /^Draft "\." is not a valid ID/ },
	'an inbox ID of .': { node: 'agentry', parameters: { ...agentryGet, inboxId: byId(VALUE) }, good: INBOX, bad: '.', message: /^Inbox "\." is not a valid ID/ },
	'a draft ID with ?': { node: 'hyperRep', parameters: hyperRepGet, good: GOOD_DRAFT, bad: 'id?admin=1', message: /is not a valid ID/ },
	'a draft ID with #': { node: 'hyperRep', parameters: hyperRepGet, good: GOOD_DRAFT, bad: 'id#x', message: /is not a valid ID/ },
	'a draft ID with unicode': { node: 'hyperRep', parameters: hyperRepGet, good: GOOD_DRAFT, bad: 'dr\u00e1ft', message: /is not a valid ID/ },
	'a 300-character draft ID': { node: 'hyperRep', parameters: hyperRepGet, good: GOOD_DRAFT, bad: 'x'.repeat(300), message: /^Draft is too long \(300 characters; the most is 256\)$/ },
	'an object for a draft ID': { node: 'hyperRep', parameters: hyperRepGet, good: GOOD_DRAFT, bad: { id: 1 }, message: /^Draft must be text, not an object$/ },
	'a draft ID with ../ on delete': { node: 'hyperRep', parameters: { ...hyperRepGet, operation: 'delete' }, good: GOOD_DRAFT, goodLast: 'HR_id_good_2', bad: '../other', message: /is not a valid ID/ },
	'an invalid To Email': { node: 'hyperRep', parameters: { ...hyperRepEmail, toEmail: VALUE }, good: 'a@example.com', bad: 'a@', message: /^To Email is not a valid email address: "a@"\. Use the form user@domain\.com$/ },
	'an invalid CC address': { node: 'hyperRep', parameters: { ...hyperRepEmail, cc: VALUE }, good: 'a@example.com', bad: 'a@example.com, nope', message: /^CC contains an invalid email address: "nope"\. Use user@domain\.com, separated by commas$/ },
	'a list with an object for BCC': { node: 'hyperRep', parameters: { ...hyperRepEmail, bcc: VALUE }, good: ['a@example.com'], bad: [{ email: 'a@example.com' }], message: /^BCC must be text, not an object$/ },
	'both subject and body empty': { node: 'hyperRep', parameters: { ...hyperRepEmail, subject: VALUE, bodyHtml: VALUE }, good: 'Hi', bad: ' ', message: /^An email draft needs a subject or a body: fill in Subject, Body \(HTML\), or both$/ },
	'letters for a phone number': { node: 'hyperRep', parameters: { ...hyperRepText, toPhoneNumber: VALUE }, good: '+1 513 867 5309', bad: 'call me', message: /^To Phone Number is not a valid phone number: "call me"\. Use 7 to 15 digits/ },
	'a phone number too short': { node: 'hyperRep', parameters: { ...hyperRepText, toPhoneNumber: VALUE }, good: '513-867-5309', bad: '12', message: /is not a valid phone number: "12"\. Use 7 to 15 digits/ },
	'an empty text body': { node: 'hyperRep', parameters: { ...hyperRepText, textBody: VALUE }, good: 'Hello', bad: '', message: /^A text draft needs a body: fill in Body/ },
	'a 2,000-character subject': { node: 'hyperRep', parameters: { ...hyperRepEmail, subject: VALUE }, good: 'Hi', bad: 'x'.repeat(2000), message: /^Subject is too long \(2000 characters; the most is 998\)$/ },
	'an object for a subject': { node: 'hyperRep', parameters: { ...hyperRepEmail, subject: VALUE }, good: 'Hi', bad: { text: 'Hi' }, message: /^Subject must be text, not an object$/ },
	'a Limit of 0': { node: 'hyperRep', parameters: { ...hyperRepList, limit: VALUE }, good: 5, bad: 0, message: /^Limit must be a whole number of at least 1, not 0$/ },
	'a negative Limit': { node: 'hyperRep', parameters: { ...hyperRepList, limit: VALUE }, good: 5, bad: -3, message: /^Limit must be a whole number of at least 1, not -3$/ },
	'a Limit that is not a number': { node: 'hyperRep', parameters: { ...hyperRepList, limit: VALUE }, good: 5, bad: 'ten', message: /Limit/ },
	'a Start Date that is not a date': { node: 'hyperRep', parameters: { ...hyperRepList, filters: { startDate: VALUE } }, good: '2026-01-01T00:00:00Z', bad: 'yesterday', message: /Start Date/ },
	'an empty inbox ID': { node: 'agentry', parameters: { ...agentryGet, inboxId: byId(VALUE) }, good: INBOX, bad: '', message: /^Inbox is empty: give its ID$/ },
	'an inbox ID with ?': { node: 'agentry', parameters: { ...agentryGet, inboxId: byId(VALUE) }, good: INBOX, bad: 'sales?x=1', message: /is not a valid ID/ },
	'a draft ID with / (Agentry)': { node: 'agentry', parameters: { ...agentryGet, draftId: byId(VALUE) }, good: 'dr_good', bad: 'dr/../x', message: /is not a valid ID/ },
	'an attachment ID with #': { node: 'agentry', parameters: { resource: 'attachment', operation: 'get', inboxId: byId(INBOX), draftId: byId('dr_good'), attachmentId: VALUE }, good: () => attachmentId, bad: '#x', message: /is not a valid ID/ },
	'an invalid To address': { node: 'agentry', parameters: { ...agentryCreate, to: VALUE }, good: 'jane@example.com', bad: 'Jane Doe', message: /^To contains an invalid email address: "Jane Doe"\. Use user@domain\.com or Display Name <user@domain\.com>/ },
	'a BCC domain without a dot': { node: 'agentry', parameters: { ...agentryCreate, additionalFields: { bcc: VALUE } }, good: 'a@example.com', bad: 'a@localhost', message: /^BCC contains an invalid email address: "a@localhost"\. Use/ },
	'a Reply-To with an empty address': { node: 'agentry', parameters: { ...agentryCreate, additionalFields: { replyTo: VALUE } }, good: 'Team <t@example.com>', bad: 'Team <>', message: /^Reply-To contains an invalid email address/ },
	'a Send At that is not a date': { node: 'agentry', parameters: { ...agentryCreate, additionalFields: { sendAt: VALUE } }, good: '2030-05-02T09:30:00Z', bad: 'next tuesday', message: /^Send At is not a valid date and time: "next tuesday"\. Use ISO 8601/ },
	'an object for To': { node: 'agentry', parameters: { ...agentryCreate, to: VALUE }, good: 'jane@example.com', bad: { to: 'jane@example.com' }, message: /^To must be text, not an object$/ },
	'a 5,000-character subject (Agentry)': { node: 'agentry', parameters: { ...agentryCreate, subject: VALUE }, good: 'Hi', bad: 's'.repeat(5000), message: /^Subject is too long/ },
	'a Limit of 0 (Agentry)': { node: 'agentry', parameters: { resource: 'draft', operation: 'getAll', inboxId: byId(INBOX), returnAll: false, limit: VALUE }, good: 5, bad: 0, message: /^Limit must be a whole number of at least 1, not 0$/ },
	'a missing binary property': { node: 'agentry', parameters: { resource: 'attachment', operation: 'add', inboxId: byId(INBOX), draftId: byId('dr_good'), source: 'binaryData', binaryPropertyName: VALUE }, good: 'data', bad: 'invoice', message: /^The input item has no binary property "invoice"$/ },
};

function seed() {
	sandbox().hyperrep.addDraft(ORG, { draft_id: GOOD_DRAFT });
	sandbox().hyperrep.addDraft(ORG, { draft_id: 'HR_id_good_2' });
	sandbox().agentry.addInbox({ email: INBOX, display_name: 'Sales' });
	const draft = sandbox().agentry.addDraft(INBOX, { draft_id: 'dr_good', subject: 'Quote' });
	sandbox().agentry.addDraft(INBOX, { draft_id: 'dr_good_2', subject: 'Second quote' });
	attachmentId = sandbox().agentry.addAttachment(draft.draft_id, { content: Buffer.from('x'), filename: 'x.txt' }).attachment_id;
}

async function run(spec: BadInput, values: unknown[], continueOnFail: boolean) {
	const resolve = (value: unknown) => (typeof value === 'function' ? value() : value);
	const input: INodeExecutionData[] = values.map((value) => ({ json: { value: resolve(value) }, binary: { data: FILE } }));
	const credentials = spec.node === 'hyperRep' ? hyperRepCredentials(sandbox()) : agentryCredentials(sandbox());
	return await runNode({ type: spec.node, parameters: spec.parameters, credentials, input, continueOnFail });
}

test('the table covers at least 30 bad inputs across both nodes', () => {
	const specs = Object.values(cases);
	expect(specs.length).toBeGreaterThanOrEqual(30);
	expect(new Set(specs.map((spec) => spec.node))).toEqual(new Set(['hyperRep', 'agentry']));
});

describe.each(Object.entries(cases))('%s', (_name, spec) => {
	beforeEach(seed);

	test('is refused before anything is sent for it', async () => {
		const { nodeError } = await run(spec, [spec.bad], false);
		expect(nodeError?.name).toBe('NodeOperationError');
		expect(nodeError?.message).toMatch(spec.message);
		expect((nodeError as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
		expect(sandbox().log).toEqual([]);
	});

	test('names the failing item among good ones', async () => {
		const { nodeError } = await run(spec, [spec.good, spec.bad, spec.goodLast ?? spec.good], false);
		expect(nodeError?.message).toMatch(spec.message);
		expect((nodeError as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});

	test('with Continue On Fail, the other items still go through', async () => {
		const { items, nodeError } = await run(spec, [spec.good, spec.bad, spec.goodLast ?? spec.good], true);
		expect(nodeError).toBeUndefined();
		const firstOf = (index: number) => items.find((item) => (item.pairedItem as { item: number }).item === index);
		expect(firstOf(1)?.json.error).toMatch(spec.message);
		expect(firstOf(0)?.json.error).toBeUndefined();
		expect(firstOf(2)?.json.error).toBeUndefined();
		expect(sandbox().log.length).toBeGreaterThan(0);
		expect(sandbox().log.every((entry) => entry.status < 400)).toBe(true);
	});
});
