import type { INodeParameters } from 'n8n-workflow';

import { scrub, secretForms } from '../../nodes/shared/errors';
import { runNode } from '../harness/engine';
import type { FaultRule } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, useSandbox } from '../support/sandbox';

/**
 * A secret must not show in any form the wire can give it back in: as typed, trimmed, URL-encoded,
 * JSON-escaped, or base64-encoded inside a Basic or Bearer header.
 */

const KEY = 'hr_CANARY+k3y/with=specials';
const TOKEN = 'agt_CANARY.t0ken~with&specials';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** Every form of `secret` a hostile or careless server could echo, with a name for each. */
function wireForms(secret: string): Array<[string, string]> {
	return [
		['as typed', secret],
		['URL-encoded', encodeURIComponent(secret)],
		['URL-encoded, lowercase hex', encodeURIComponent(secret).replace(/%[\dA-F]{2}/g, (escape) => escape.toLowerCase())],
		['Bearer header', `Authorization: Bearer ${secret}`],
		['Basic header, as user', `Authorization: Basic ${b64(`${secret}:`)}`],
		['Basic header, as password', `Authorization: Basic ${b64(`gateway:${secret}`)}`],
		['Basic header, password after a longer user', `Authorization: Basic ${b64(`gateway-user:${secret}`)}`],
		['base64 Bearer', `Bearer ${b64(secret)}`],
		['base64url in a token', `token=${b64url(`{"k":"${secret}"}`)}`],
	];
}

describe('scrub', () => {
	test.each(wireForms(KEY))('masks the key %s', (_form, text) => {
		const scrubbed = scrub(`the server said: ${text} (end)`, [` ${KEY} `]);
		expect(scrubbed).toContain('***');
		for (const [, form] of wireForms(KEY)) expect(scrubbed).not.toContain(form.replace(/^.*?(Bearer |Basic |token=)/, ''));
		expect(scrubbed).not.toContain('CANARY');
	});

	test('a key typed with spaces around it is masked where the API echoes it trimmed', () => {
		expect(scrub(`Key ${KEY} is not allowed`, [`  ${KEY}\t`])).toBe('Key *** is not allowed');
	});

	test('short values are left alone, in every form', () => {
		expect(scrub('a draft', ['a'])).toBe('a draft');
		expect(secretForms('abc')).toEqual([]);
	});
});

describe('through the engine, in messages, descriptions and error output', () => {
	const sandbox = useSandbox();
	const ORG = 'HR_org_forms';

	beforeEach(() => {
		sandbox().hyperrep.addOrganization({ organizationId: ORG, apiKey: KEY, channels: { email: true } });
		sandbox().agentry.addToken(TOKEN);
		sandbox().agentry.addInbox({ email: 'forms@agentry.test' });
	});

	/** A server's answer echoing the secret, and the encoded text that must not come through. */
	function echoes(secret: string): Array<[string, FaultRule, string[]]> {
		return [
			...wireForms(secret).map(([form, text]): [string, FaultRule, string[]] => [
				`error body echoing it ${form}`,
				{ kind: 'body', status: 400, body: JSON.stringify({ detail: `Refused ${text}`, message: `Refused ${text}`, fix: `Not ${text}` }) },
				[text.replace(/^.*?(Bearer |Basic |token=)/, '')],
			]),
			[
				'redirect with it URL-encoded in the Location',
				{ kind: 'body', status: 302, body: '{}', headers: { Location: `https://sso.example.com/login?key=${encodeURIComponent(secret)}&b=${b64(secret)}` } },
				[encodeURIComponent(secret), b64(secret)],
			],
		];
	}

	async function seen(type: string, parameters: INodeParameters, credentials: Record<string, Record<string, string>>) {
		const { items, nodeError } = await runNode({ type, parameters, credentials, continueOnFail: true });
		return { text: JSON.stringify({ items, message: nodeError?.message, description: nodeError?.description, nodeError }), items };
	}

	test.each(echoes(KEY))('HyperRep, key pasted with spaces around it: %s', async (_name, fault, payloads) => {
		sandbox().faults.add({ ...fault, match: { method: 'GET' } });
		const { text, items } = await seen(
			'hyperRep',
			{ resource: 'messageDraft', operation: 'get', draftId: 'HR_id_1', options: { maxRetries: 0 } },
			hyperRepCredentials(sandbox(), { apiKey: ` ${KEY} `, organizationId: ORG }),
		);
		expect(items[0].json.error).toEqual(expect.any(String));
		expect(text).toContain('***');
		expect(text).not.toContain('CANARY');
		for (const payload of payloads) expect(text).not.toContain(payload);
		// The key reached the API trimmed, so the echo was real.
		expect(sandbox().log[0].headers['x-api-key']).toBe(KEY);
	});

	test.each(echoes(TOKEN))('Agentry: %s', async (_name, fault, payloads) => {
		sandbox().faults.add({ ...fault, match: { method: 'GET' } });
		const { text } = await seen(
			'agentry',
			{ resource: 'draft', operation: 'get', inboxId: byId('forms@agentry.test'), draftId: byId('dr_1'), options: { maxRetries: 0 } },
			agentryCredentials(sandbox(), { accessToken: `${TOKEN}\n` }),
		);
		expect(text).toContain('***');
		expect(text).not.toContain('CANARY');
		for (const payload of payloads) expect(text).not.toContain(payload);
		expect(sandbox().log[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
	});
});
