import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { hyperRepCredentials, useSandbox } from '../support/sandbox';

/** The sandbox's organization and its message-drafts path. */
export const ORG = Sandbox.HYPERREP_ORG_ID;
export const BASE = `/api/v2/organizations/${ORG}/message-drafts`;

/** A complete email draft's parameters, for Create. */
export const emailDraft = {
	operation: 'create',
	modality: 'email',
	toName: 'Diana Prince',
	toEmail: 'diana@example.com',
	cc: 'steve@example.com, etta@example.com',
	subject: 'Following up on your quote',
	bodyHtml: '<p>Hi Diana, checking in on the quote we sent yesterday.</p>',
	folder: 'Sales Follow-up',
};

/** A sandbox for the test file, and the HyperRep node (resource Message Draft) run against it. */
export function useHyperRep() {
	const sandbox = useSandbox();

	async function hyperRep(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false) {
		return await runNode({
			type: 'hyperRep',
			parameters: { resource: 'messageDraft', ...parameters },
			credentials: hyperRepCredentials(sandbox()),
			input,
			continueOnFail,
		});
	}

	return { sandbox, hyperRep };
}
