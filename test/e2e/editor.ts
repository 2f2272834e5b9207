import assert from 'node:assert/strict';

import { CREDENTIALS, credentialData } from './credentials';
import type { N8nServer } from './n8nServer';
import type { Report } from './report';
import type { Sandbox } from '../sandbox/server';
import { ORG, REVIEW_INBOX, SALES_INBOX } from './scenarios/support';
import { PACKAGE, readExamples } from './workflow';

/** What the editor asks the REST API for: node types, pickers and list options, credential tests. */

interface Property {
	name: string;
	typeOptions?: { loadOptionsMethod?: string };
	modes?: Array<{ typeOptions?: { searchListMethod?: string } }>;
	options?: Array<Property | { name: string; values?: Property[] }>;
	values?: Property[];
}

interface NodeType {
	name: string;
	version: number | number[];
	polling?: boolean;
	credentials?: Array<{ name: string }>;
	properties: Property[];
}

interface Method {
	kind: 'options' | 'search';
	name: string;
	path: string;
}

/** The package's nodes, their credential, and whether n8n offers them to AI agents as `…Tool`. */
const NODES = {
	hyperRep: { credential: CREDENTIALS.hyperRep, tool: true },
	hyperRepTrigger: { credential: CREDENTIALS.hyperRep, tool: false },
	agentry: { credential: CREDENTIALS.agentry, tool: true },
	agentryTrigger: { credential: CREDENTIALS.agentry, tool: false },
} as const;
type NodeName = keyof typeof NODES;

const salesInbox = { __rl: true, mode: 'list', value: SALES_INBOX };

/**
 * The node parameters each method is called with, as the editor sends them, and what its results
 * may hold: values from the sandbox's data. A method the nodes gain needs a line here.
 */
const METHODS: Record<string, { parameters: (sandbox: Sandbox) => Record<string, unknown>; known: (sandbox: Sandbox) => string[] }> = {
	'hyperRep.searchFolders': {
		parameters: () => ({ resource: 'messageDraft', operation: 'create' }),
		known: (sandbox) => ['drafts', ...sandbox.hyperrep.drafts(ORG).map((draft) => draft.folder)],
	},
	'hyperRep.searchDrafts': {
		parameters: () => ({ resource: 'messageDraft', operation: 'get' }),
		known: (sandbox) => sandbox.hyperrep.drafts(ORG).map((draft) => draft.draft_id),
	},
	'agentry.searchInboxes': {
		parameters: () => ({ resource: 'draft', operation: 'create' }),
		known: () => [SALES_INBOX, REVIEW_INBOX],
	},
	'agentry.searchDrafts': {
		parameters: () => ({ resource: 'draft', operation: 'get', inboxId: salesInbox }),
		known: (sandbox) => sandbox.agentry.drafts(SALES_INBOX).map((draft) => draft.draft_id),
	},
	'agentry.searchAttachments': {
		// A draft of the sales inbox with a file, made here: the examples send theirs.
		parameters: (sandbox) => {
			const draft = sandbox.agentry.addDraft(SALES_INBOX, { subject: 'Picker check' });
			sandbox.agentry.addAttachment(draft.draft_id, { content: Buffer.from('%PDF-1.4'), filename: 'quote.pdf' });
			return { resource: 'attachment', operation: 'get', inboxId: salesInbox, draftId: { __rl: true, mode: 'list', value: draft.draft_id } };
		},
		known: (sandbox) =>
			sandbox.agentry.drafts(SALES_INBOX).flatMap((draft) => draft.attachments.map((attachment) => attachment.attachment_id)),
	},
	'agentry.getLabels': {
		parameters: () => ({ resource: 'draft', operation: 'create', inboxId: salesInbox }),
		known: (sandbox) => sandbox.agentry.drafts(SALES_INBOX).flatMap((draft) => draft.labels),
	},
	'hyperRepTrigger.searchFolders': {
		parameters: () => ({ event: 'newMessageDraft', filters: {} }),
		known: (sandbox) => ['drafts', ...sandbox.hyperrep.drafts(ORG).map((draft) => draft.folder)],
	},
	'agentryTrigger.searchInboxes': {
		parameters: () => ({ events: ['draftCreatedOrUpdated'], filters: {} }),
		known: () => [SALES_INBOX, REVIEW_INBOX],
	},
	'agentryTrigger.getLabels': {
		parameters: () => ({ inboxId: salesInbox, events: ['draftCreatedOrUpdated'], filters: {} }),
		known: (sandbox) => sandbox.agentry.drafts(SALES_INBOX).flatMap((draft) => draft.labels),
	},
};

/** Every load-options and list-search method in a node's properties, with the path of one use. */
export function dynamicMethods(properties: Property[], prefix = ''): Method[] {
	const found: Method[] = [];
	for (const property of properties) {
		const path = `${prefix}${property.name}`;
		const options = property.typeOptions?.loadOptionsMethod;
		if (options) found.push({ kind: 'options', name: options, path });
		for (const mode of property.modes ?? []) {
			const search = mode.typeOptions?.searchListMethod;
			if (search) found.push({ kind: 'search', name: search, path });
		}
		// A fixedCollection's options hold `values`; a collection's are properties (an options list's are inert here).
		for (const option of property.options ?? []) {
			if ('values' in option) found.push(...dynamicMethods(option.values ?? [], `${path}.${option.name}.`));
			else found.push(...dynamicMethods([option], `${path}.`));
		}
	}
	return found.filter((method, index) => found.findIndex((other) => other.name === method.name) === index);
}

async function callMethod(server: N8nServer, sandbox: Sandbox, node: NodeName, method: Method): Promise<string[]> {
	const context = METHODS[`${node}.${method.name}`];
	if (!context) throw new Error(`No parameters for ${node}.${method.name}: add them to METHODS in test/e2e/editor.ts`);
	const { id, name, type } = NODES[node].credential;
	const request = {
		nodeTypeAndVersion: { name: `${PACKAGE}.${node}`, version: 1 },
		path: method.path,
		methodName: method.name,
		currentNodeParameters: context.parameters(sandbox),
		credentials: { [type]: { id, name } },
	};
	if (method.kind === 'options') {
		const options = await server.request<Array<{ value: string }>>('POST', '/rest/dynamic-node-parameters/options', request);
		return options.map((option) => String(option.value));
	}
	const found = await server.request<{ results: Array<{ value: string }> }>('POST', '/rest/dynamic-node-parameters/resource-locator-results', { ...request, filter: '' });
	return found.results.map((result) => String(result.value));
}

export async function checkEditor(server: N8nServer, report: Report, sandbox: Sandbox): Promise<void> {
	const nodeTypes = await server.request<NodeType[]>('GET', '/types/nodes.json');
	const credentialTypes = await server.request<Array<{ name: string }>>('GET', '/types/credentials.json');
	const ours = (name: string) => nodeTypes.find((type) => type.name === `${PACKAGE}.${name}`);

	await report.check('every example is stored, and each of its nodes is a type n8n has in that version', async () => {
		for (const example of readExamples()) {
			const stored = await server.request<{ nodes: unknown[] }>('GET', `/rest/workflows/${example.id}`);
			assert.equal(stored.nodes.length, example.nodes.length, `${example.name}: nodes stored`);
			for (const node of example.nodes) {
				const known = nodeTypes.some((type) => type.name === node.type && [type.version].flat().includes(node.typeVersion));
				assert.ok(known, `${example.name}: ${node.name} is ${node.type} version ${node.typeVersion}, which n8n does not have`);
			}
		}
	});

	await report.check('/types/nodes.json lists the four nodes, the actions’ …Tool variants for AI agents (no trigger’s), and their credentials', () => {
		for (const [node, { credential, tool }] of Object.entries(NODES)) {
			for (const variant of [node, `${node}Tool`]) {
				const type = ours(variant);
				if (variant !== node && !tool) {
					assert.equal(type, undefined, `${PACKAGE}.${variant} is listed: a trigger is no tool`);
					continue;
				}
				assert.ok(type, `${PACKAGE}.${variant} is missing`);
				assert.deepEqual(type.credentials?.map((entry) => entry.name), [credential.type], `${variant}'s credentials`);
			}
		}
		for (const trigger of ['hyperRepTrigger', 'agentryTrigger']) {
			const type = ours(trigger);
			assert.equal(type?.polling, true, `${trigger} is not a polling trigger`);
			assert.ok(type?.properties.some((property) => property.name === 'pollTimes'), `${trigger} has no Poll Times`);
		}
		const names = credentialTypes.map((type) => type.name);
		for (const { credential } of Object.values(NODES)) assert.ok(names.includes(credential.type), `${credential.type} is not in /types/credentials.json`);
	});

	await report.check('the editor gets an output schema for every operation (/schemas/<node>/<version>/<resource>/<operation>.json)', async () => {
		for (const node of ['hyperRep', 'agentry']) {
			for (const property of ours(node)?.properties ?? []) {
				if (property.name !== 'operation') continue;
				const resource = (property as { displayOptions?: { show?: { resource?: string[] } } }).displayOptions?.show?.resource?.[0];
				// n8n adds a "Custom API Call" operation (__CUSTOM_API_CALL__) of its own: it has no schema.
				for (const option of (property.options ?? []) as Array<{ value?: string }>) {
					if (option.value?.startsWith('__')) continue;
					const path = `/schemas/${PACKAGE}.${node}/1/${resource}/${option.value}.json`;
					const schema = await server.request<{ type?: string; properties?: object }>('GET', path);
					assert.equal(schema.type, 'object', `${path}: ${JSON.stringify(schema).slice(0, 200)}`);
					assert.ok(schema.properties && Object.keys(schema.properties).length > 0, `${path} lists no fields`);
				}
			}
		}
	});

	for (const node of Object.keys(NODES) as NodeName[]) {
		for (const method of dynamicMethods(ours(node)?.properties ?? [])) {
			await report.check(`${node} ${method.kind === 'search' ? 'list search' : 'load options'} ${method.name} (${method.path}) lists the sandbox's data`, async () => {
				const values = await callMethod(server, sandbox, node, method);
				const known = new Set(METHODS[`${node}.${method.name}`].known(sandbox));
				assert.ok(values.length > 0, 'no results');
				assert.deepEqual(values.filter((value) => !known.has(value)), [], 'results that are not in the sandbox');
			});
		}
	}

	const good = credentialData(sandbox.url, '');
	const tests: Array<{
		credential: (typeof CREDENTIALS)[keyof typeof CREDENTIALS];
		data: Record<string, string>;
		wrong: Record<string, string>;
		says: RegExp;
	}> = [
		{ credential: CREDENTIALS.hyperRep, data: good.hyperRep, wrong: { apiKey: 'hr_wrong_key' }, says: /^Wrong API key/ },
		{
			credential: CREDENTIALS.hyperRep,
			data: good.hyperRep,
			wrong: { organizationId: `${ORG}_other` },
			says: /^This API key belongs to another organization/,
		},
		{
			credential: CREDENTIALS.hyperRep,
			data: good.hyperRep,
			wrong: { baseUrl: `${sandbox.url}/hyperrep` },
			says: /not the HyperRep API root/,
		},
		{ credential: CREDENTIALS.agentry, data: good.agentry, wrong: { accessToken: 'wrong-token' }, says: /^Wrong access token/ },
		{ credential: CREDENTIALS.agentry, data: good.agentry, wrong: { baseUrl: 'http://127.0.0.1:9' }, says: /ECONNREFUSED/ },
	];
	for (const { credential, data, wrong, says } of tests) {
		const test = (fields: Record<string, string>) =>
			server.request<{ status: string; message: string }>('POST', '/rest/credentials/test', { credentials: { ...credential, data: fields } });
		await report.check(`${credential.type} Test succeeds with good data and says what is wrong with a wrong ${Object.keys(wrong)[0]}`, async () => {
			assert.equal((await test(data)).status, 'OK');
			const bad = await test({ ...data, ...wrong });
			assert.equal(bad.status, 'Error', `with ${JSON.stringify(wrong)}: ${bad.message}`);
			assert.match(bad.message, says);
		});
	}

	await report.check('Test refuses a redirect to another host, a Base URL with a query, and user:password@; nothing reaches the other host', async () => {
		for (const [credential, data] of [
			[CREDENTIALS.hyperRep, good.hyperRep],
			[CREDENTIALS.agentry, good.agentry],
		] as const) {
			const test = (fields: Record<string, string>) =>
				server.request<{ status: string; message: string }>('POST', '/rest/credentials/test', { credentials: { ...credential, data: fields } });
			sandbox.faults.add({ kind: 'redirect' });
			const redirected = await test(data).finally(() => sandbox.faults.clear());
			assert.match(redirected.message, /^The Base URL redirects elsewhere \(HTTP 302\)/, `${credential.type}: ${redirected.message}`);
			assert.equal(sandbox.foreignLog.length, 0, `${credential.type}: the key reached the other host`);
			assert.match((await test({ ...data, baseUrl: `${sandbox.url}/?utm=docs` })).message, /Base URL has a query/);
			assert.match((await test({ ...data, baseUrl: sandbox.url.replace('http://', 'http://gw:pw@') })).message, /user name or password/);
		}
	});

	await report.check('a Base URL pasted with the API path (…/api/v2, …/human/v0) passes the Test', async () => {
		for (const [credential, data] of [
			[CREDENTIALS.hyperRep, { ...good.hyperRep, baseUrl: `${sandbox.url}/api/v2/` }],
			[CREDENTIALS.agentry, { ...good.agentry, baseUrl: `${sandbox.url}/human/v0` }],
		] as const) {
			const result = await server.request<{ status: string; message: string }>('POST', '/rest/credentials/test', {
				credentials: { ...credential, data },
			});
			assert.equal(result.status, 'OK', `${credential.type}: ${result.message}`);
		}
	});
}
