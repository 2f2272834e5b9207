import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { agentryCredentials, byId, useSandbox } from '../support/sandbox';

/** The inbox every Agentry test file starts with, and its paths. */
export const INBOX = 'sales@agentry.test';
export const INBOX_PATH = `/human/v0/inboxes/${encodeURIComponent(INBOX)}`;
export const DRAFTS = `${INBOX_PATH}/drafts`;
const BEARER = `Bearer ${Sandbox.AGENTRY_TOKEN}`;

/**
 * A sandbox for the test file with the Sales inbox in it before each test, the Agentry node run
 * against it (inbox Sales unless the parameters say otherwise), and a check of the bearer token.
 */
export function useAgentry() {
	const sandbox = useSandbox();
	beforeEach(() => sandbox().agentry.addInbox({ email: INBOX, display_name: 'Sales', draft_only: false }));

	async function agentry(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false) {
		return await runNode({
			type: 'agentry',
			parameters: { inboxId: byId(INBOX), ...parameters },
			credentials: agentryCredentials(sandbox()),
			input,
			continueOnFail,
		});
	}

	/** Every request of the run reached the API with the credential's bearer token. */
	function expectAllAuthorized() {
		expect(sandbox().log.length).toBeGreaterThan(0);
		for (const entry of sandbox().log) expect(entry.headers.authorization).toBe(BEARER);
	}

	return { sandbox, agentry, expectAllAuthorized };
}

/** An input item with these files in its binary fields. */
export function binaryItem(files: Record<string, { bytes: Buffer; mimeType: string; fileName: string }>): INodeExecutionData {
	const binary = Object.fromEntries(
		Object.entries(files).map(([name, { bytes, mimeType, fileName }]) => [
			name,
			{ data: bytes.toString('base64'), mimeType, fileName },
		]),
	);
	return { json: {}, binary };
}
