import fc from 'fast-check';
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';

import { Agentry } from '../../nodes/Agentry/Agentry.node';
import { HyperRep } from '../../nodes/HyperRep/HyperRep.node';
import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { agentryCredentials, hyperRepCredentials, useSandbox } from '../support/sandbox';

/**
 * Every operation of both nodes, run through n8n's engine with random parameters: each value is
 * either a good one or a hostile one (random text and Unicode, control characters, numbers,
 * lists, objects, a megabyte), set from the item by an expression as a webhook would. Whatever
 * comes, the item either fails with a NodeOperationError before any request, or its requests
 * are ones the API references allow (the sandbox's strict mode records any other), or the API
 * answers an allowed request with an error (NodeApiError); never a crash or a hang (Jest's
 * timeout). Reproduce a failure with the seed and path fast-check prints, or FC_SEED=<seed>.
 */
const sandbox = useSandbox({ strict: true });
const SEED = Number(process.env.FC_SEED ?? 20261203);
const RUNS = Number(process.env.FC_RUNS ?? 200);
const MB = 1_000_000;
const INBOX = 'property@agentry.test';
const ORG = Sandbox.HYPERREP_ORG_ID;
const FILE = { data: Buffer.from('%PDF-1.4 quote').toString('base64'), mimeType: 'application/pdf', fileName: 'quote.pdf' };
/** What a crash looks like once n8n has wrapped it: the message of a JavaScript error. */
const CRASH = /Cannot read prop|is not a function|is not defined|is not iterable|Maximum call stack|Invalid time value|\[object Object\]|undefined/;

let ids = { agentryDraft: '', attachment: '', hyperRepDraft: '' };
/** The node under test, for the values that differ between the two. */
let currentType = '';

function seed() {
	sandbox().reset();
	sandbox().agentry.addInbox({ email: INBOX, display_name: 'Property' });
	const draft = sandbox().agentry.addDraft(INBOX, { subject: 'Quote', to: ['jane@example.com'] });
	ids = {
		agentryDraft: draft.draft_id,
		attachment: sandbox().agentry.addAttachment(draft.draft_id, { content: Buffer.from('x'), filename: 'x.txt' }).attachment_id,
		hyperRepDraft: sandbox().hyperrep.addDraft(ORG, { subject: 'Quote' }).draft_id,
	};
}

const future = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** A value that works, by parameter name; others take the parameter's default. */
const GOOD: Record<string, () => unknown> = {
	inboxId: () => INBOX,
	draftId: () => (currentType === 'hyperRep' ? ids.hyperRepDraft : ids.agentryDraft),
	attachmentId: () => ids.attachment,
	to: () => 'Jane Doe <jane@example.com>, joe@example.com',
	cc: () => 'cc@example.com',
	bcc: () => 'bcc@example.com',
	replyTo: () => 'Team <team@example.com>',
	subject: () => 'Quote',
	text: () => 'Hello\r\n\tthere',
	html: () => '<p>Hello</p>',
	labels: () => ['vip'],
	sendAt: future,
	inReplyTo: () => 'msg-1',
	clientId: () => 'client-1',
	url: () => 'https://example.com/quote.pdf',
	filename: () => 'quote.pdf',
	contentType: () => 'application/pdf',
	contentId: () => 'logo',
	binaryPropertyName: () => 'data',
	toName: () => 'Diana Prince',
	toEmail: () => 'diana@example.com',
	toPhoneNumber: () => '+1 513-867-5309',
	bodyHtml: () => '<p>Hi</p>',
	textBody: () => 'Hi',
	folder: () => 'Sales Follow-up',
	limit: () => 5,
	startDate: () => '2026-01-01',
	endDate: () => '2030-01-01T00:00:00Z',
	concurrency: () => 5,
	maxRetries: () => 0,
	timeout: () => 5000,
	clearFields: () => ['cc'],
};

const CONTROL_AND_TRICKS = [
	'', ' ', '\r\n', '\u0000', '\t', '\u2028', 'a\r\nBcc: x@example.com', 'Jane\n<jane@example.com>', '..', '.', '/', 'a/b', '%2F', '?x=1', '#x',
	'2.5', 'abc', '1e3', '0x10', '-1', '0', 'null', 'undefined', '<script>', '"', '\\', '<>', 'a@', '@b.co', 'Jane <jane@example.com',
	'2030-01-02T09:00:00+25:00', '1970-01-01T00:00:00Z', '0000-01-01', '9999-12-31T23:59:59Z', 'next tuesday', 'https://', 'ftp://x', 'javascript:alert(1)',
];
const HUGE = ['a'.repeat(MB), `a${' '.repeat(MB - 2)}b`, ','.repeat(MB), '<'.repeat(MB), `${'x@y.co, '.repeat(MB / 8)}`];

const hostile: fc.Arbitrary<unknown> = fc.oneof(
	fc.string({ maxLength: 30 }),
	fc.string({ unit: 'binary', maxLength: 30 }),
	fc.constantFrom(...CONTROL_AND_TRICKS),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constantFrom(...CONTROL_AND_TRICKS)), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxKeys: 3 }),
	fc.constantFrom(...HUGE),
);

/** A leaf value: good three times in four, hostile otherwise. */
function leaf(property: INodeProperties): fc.Arbitrary<unknown> {
	const good = GOOD[property.name] ?? (() => property.default);
	return fc.oneof({ weight: 3, arbitrary: fc.constant(null).map(() => good()) }, { weight: 1, arbitrary: hostile });
}

/**
 * A parameter's value as the node reads it, with every leaf set by an expression from the item's
 * JSON (`values`), so a leaf can be of any type, as from a webhook.
 */
type Built = { parameter: unknown; values: IDataObject };

function parameterOf(property: INodeProperties, path: string): fc.Arbitrary<Built> {
	const expression = { parameter: `={{ $json[${JSON.stringify(path)}] }}` };
	if (property.type === 'collection') {
		const options = (property.options ?? []) as INodeProperties[];
		return fc.subarray(options).chain((chosen) => combine(chosen, `${path}.`));
	}
	if (property.type === 'fixedCollection') {
		const [group] = (property.options ?? []) as Array<{ name: string; values: INodeProperties[] }>;
		return fc.array(combine(group.values, `${path}.`), { maxLength: 2 }).map((entries) => ({
			parameter: { [group.name]: entries.map((entry) => entry.parameter) },
			values: Object.assign({}, ...entries.map((entry, index) => prefixed(entry.values, index))),
		}));
	}
	return leaf(property).map((value) => ({
		parameter: property.type === 'resourceLocator' ? { __rl: true, mode: property.name === 'folder' ? 'name' : 'id', value: expression.parameter } : expression.parameter,
		values: { [path]: value as IDataObject[string] },
	}));
}

/** Keys of a fixedCollection's entries, made unique per entry. */
function prefixed(values: IDataObject, index: number): IDataObject {
	return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${index}:${key}`, value]));
}

function combine(properties: INodeProperties[], prefix: string): fc.Arbitrary<Built> {
	return fc.tuple(...properties.map((property) => parameterOf(property, `${prefix}${property.name}`))).map((built) => ({
		parameter: Object.fromEntries(properties.map((property, index) => [property.name, built[index].parameter])),
		values: Object.assign({}, ...built.map((entry) => entry.values)),
	}));
}

/** The properties of one operation, as the editor shows them for it. */
function operationProperties(node: INodeType, resource: string, operation: string): INodeProperties[] {
	return node.description.properties.filter((property) => {
		const show = property.displayOptions?.show;
		return show?.resource?.includes(resource) && show?.operation?.includes(operation);
	});
}

const NODES: Record<string, INodeType> = { hyperRep: new HyperRep(), agentry: new Agentry() };

const OPERATIONS: Array<[string, string, string]> = [
	['hyperRep', 'messageDraft', 'create'],
	['hyperRep', 'messageDraft', 'delete'],
	['hyperRep', 'messageDraft', 'get'],
	['hyperRep', 'messageDraft', 'getAll'],
	['agentry', 'draft', 'create'],
	['agentry', 'draft', 'delete'],
	['agentry', 'draft', 'get'],
	['agentry', 'draft', 'getAll'],
	['agentry', 'draft', 'send'],
	['agentry', 'draft', 'update'],
	['agentry', 'attachment', 'add'],
	['agentry', 'attachment', 'delete'],
	['agentry', 'attachment', 'get'],
];

test('every operation of both nodes is covered', () => {
	for (const node of [new HyperRep(), new Agentry()]) {
		const resources = node.description.properties.find((property) => property.name === 'resource')?.options as Array<{ value: string }>;
		for (const { value: resource } of resources) {
			const operations = node.description.properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource));
			for (const { value } of (operations?.options ?? []) as Array<{ value: string }>) {
				expect(OPERATIONS.some(([, r, o]) => r === resource && o === value)).toBe(true);
			}
		}
	}
});

describe.each(OPERATIONS)('%s %s %s', (type, resource, operation) => {
	test(`${RUNS} runs of random parameters: a clear error before any request, or only requests the reference allows`, async () => {
		currentType = type;
		const properties = operationProperties(NODES[type], resource, operation).filter((property) => !['resource', 'operation'].includes(property.name));
		const outcomes = { sent: 0, refused: 0 };
		await fc.assert(
			fc.asyncProperty(combine(properties, ''), async ({ parameter, values }) => {
				seed();
				const { nodeError } = await runNode({
					type,
					parameters: { resource, operation, ...(parameter as IDataObject) },
					credentials: type === 'hyperRep' ? hyperRepCredentials(sandbox()) : agentryCredentials(sandbox()),
					input: [{ json: values, binary: { data: FILE } }],
				});
				expect(sandbox().violations).toEqual([]);
				outcomes[sandbox().log.length > 0 ? 'sent' : 'refused']++;
				if (!nodeError) return;
				expect(nodeError.message).not.toMatch(CRASH);
				expect(nodeError.message.length).toBeLessThan(600);
				// n8n keeps the error as run data: its class shows in its name.
				if (nodeError.name === 'NodeOperationError') expect(sandbox().log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([]);
				else expect(nodeError.name).toBe('NodeApiError');
			}),
			{ seed: SEED, numRuns: RUNS },
		);
		// Both outcomes happen: the values reach the checks, and good ones get through.
		expect(outcomes.sent).toBeGreaterThan(RUNS / 20);
		expect(outcomes.refused).toBeGreaterThan(RUNS / 20);
	}, 600_000);
});
