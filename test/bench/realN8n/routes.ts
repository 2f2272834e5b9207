import { Sandbox } from '../../sandbox/server';
import { node, PACKAGE, type WorkflowNode } from '../../e2e/workflow';
import type { ApiName } from '../apis';
import type { CredentialImport } from './n8n';

/** The two ways a user can create the drafts: this package's node, or n8n's HTTP Request node. */
export type Route = 'node' | 'httpRequest';

type CredentialData = Omit<CredentialImport, 'id' | 'name'>;

/** An organization (HyperRep) or inbox (Agentry) of its own for each run, so each run's requests and drafts stand apart. */
export interface BenchTarget {
	id: string;
	/** HyperRep: the organization's own API key. */
	apiKey?: string;
}

/** A draft the sandbox holds, and the lead it was created for. */
export interface StoredDraft {
	draftId: string;
	email: string;
}

/** How one API's create is set up in each route, and where its results are found. */
export interface ApiRoutes {
	api: ApiName;
	newTarget(sandbox: Sandbox): BenchTarget;
	/** The raw path of the target's create requests, as both routes send it. */
	createPath(target: BenchTarget): string;
	credential(route: Route, target: BenchTarget, sandbox: Sandbox): CredentialData;
	/** The create node of `route`, with default settings, using the credential `credential`. */
	createNode(route: Route, name: string, target: BenchTarget, sandbox: Sandbox, credential: { id: string; name: string }): WorkflowNode;
	stored(sandbox: Sandbox, target: BenchTarget): StoredDraft[];
}

/** The subject both routes give each lead's draft. */
const SUBJECT = 'Quote for ';

/**
 * n8n's HTTP Request node (the version the editor adds today) as a user sets it up for a JSON API:
 * method, URL, a generic credential, and the body as JSON with expressions. Everything else default.
 */
function httpRequest(name: string, url: string, authType: string, jsonBody: string, credential: { id: string; name: string }): WorkflowNode {
	return {
		...node(name, 'n8n-nodes-base.httpRequest', 4.5, {
			method: 'POST',
			url,
			authentication: 'genericCredentialType',
			genericAuthType: authType,
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: {},
		}),
		credentials: { [authType]: credential },
	};
}

let organizations = 0;

export const hyperRepRoutes: ApiRoutes = {
	api: 'HyperRep',
	newTarget: (sandbox) => {
		organizations++;
		const target = { id: `HR_org_bench_${organizations}`, apiKey: `hr_bench_key_${organizations}` };
		sandbox.hyperrep.addOrganization({ organizationId: target.id, apiKey: target.apiKey });
		return target;
	},
	createPath: ({ id }) => `/api/v2/organizations/${id}/message-drafts`,
	credential(route, { id, apiKey = '' }, sandbox): CredentialData {
		if (route === 'node') return { type: 'hyperRepApi', data: { apiKey, organizationId: id, baseUrl: sandbox.url } };
		return { type: 'httpHeaderAuth', data: { name: 'X-API-KEY', value: apiKey } };
	},
	createNode(route, name, target, sandbox, credential) {
		if (route === 'httpRequest') {
			// The body the node sends for these parameters, field for field.
			const body = `={
  "modality": "email",
  "to_user_name": "{{ $json.name }}",
  "folder": "drafts",
  "to_email": "{{ $json.email }}",
  "cc_emails": [],
  "bcc_emails": [],
  "subject": "${SUBJECT}{{ $json.company }}",
  "body_html": "<p>Hi, here is the quote we discussed.</p>",
  "autosend_draft": false,
  "add_notification": true
}`;
			return httpRequest(name, `${sandbox.url}${this.createPath(target)}`, 'httpHeaderAuth', body, credential);
		}
		return {
			...node(name, `${PACKAGE}.hyperRep`, 1, {
				resource: 'messageDraft',
				operation: 'create',
				toName: '={{ $json.name }}',
				toEmail: '={{ $json.email }}',
				subject: `={{ "${SUBJECT}" + $json.company }}`,
				bodyHtml: '<p>Hi, here is the quote we discussed.</p>',
			}),
			credentials: { hyperRepApi: credential },
		};
	},
	stored: (sandbox, { id }) =>
		sandbox.hyperrep.drafts(id).map((draft) => ({ draftId: draft.draft_id, email: draft.recipient_email ?? '' })),
};

let inboxes = 0;

export const agentryRoutes: ApiRoutes = {
	api: 'Agentry',
	newTarget: (sandbox) => {
		inboxes++;
		return { id: sandbox.agentry.addInbox({ inbox_id: `bench_inbox_${inboxes}`, email: `bench-${inboxes}@agentry.test` }).inbox_id };
	},
	createPath: ({ id }) => `/human/v0/inboxes/${id}/drafts`,
	credential(route, _target, sandbox): CredentialData {
		if (route === 'node') return { type: 'agentryApi', data: { accessToken: Sandbox.AGENTRY_TOKEN, baseUrl: sandbox.url } };
		return { type: 'httpBearerAuth', data: { token: Sandbox.AGENTRY_TOKEN } };
	},
	createNode(route, name, target, sandbox, credential) {
		if (route === 'httpRequest') {
			const body = `={
  "to": ["{{ $json.email }}"],
  "subject": "${SUBJECT}{{ $json.company }}",
  "text": "Hi, here is the quote we discussed."
}`;
			return httpRequest(name, `${sandbox.url}${this.createPath(target)}`, 'httpBearerAuth', body, credential);
		}
		return {
			...node(name, `${PACKAGE}.agentry`, 1, {
				resource: 'draft',
				operation: 'create',
				inboxId: { __rl: true, mode: 'id', value: target.id },
				to: '={{ $json.email }}',
				subject: `={{ "${SUBJECT}" + $json.company }}`,
				text: 'Hi, here is the quote we discussed.',
			}),
			credentials: { agentryApi: credential },
		};
	},
	stored: (sandbox, { id }) => sandbox.agentry.drafts(id).map((draft) => ({ draftId: draft.draft_id, email: draft.to?.[0] ?? '' })),
};
