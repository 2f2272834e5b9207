import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';

import { runNode } from '../../harness/engine';
import { agentryCredentials, byId } from '../../support/sandbox';
import { INBOX, useAgentry } from '../support';

const { sandbox, agentry } = useAgentry();

describe('draft: create, Client ID', () => {
	test('without a Client ID, sends a compact key of its own for each item', async () => {
		const input = [{ json: {} }, { json: {} }];
		await agentry({ resource: 'draft', operation: 'create', subject: 'Auto key' }, input);
		const keys = sandbox().log.map((entry) => (entry.body as { client_id: string }).client_id);
		for (const key of keys) expect(key).toMatch(/^n8n-[A-Za-z0-9_-]{32}$/);
		expect(new Set(keys).size).toBe(2);
		expect(sandbox().agentry.createCount).toBe(2);
	});

	test('the same workflow and execution ID on another n8n instance gets new keys, so a new draft', async () => {
		const settings = Container.get(InstanceSettings) as { instanceId: string };
		const original = settings.instanceId;
		const create = { resource: 'draft', operation: 'create', subject: 'Per instance' };
		try {
			await agentry(create);
			settings.instanceId = 'another-n8n-instance';
			await agentry(create);
		} finally {
			settings.instanceId = original;
		}
		const [staging, production] = sandbox().log.map((entry) => (entry.body as { client_id: string }).client_id);
		expect(production).not.toBe(staging);
		expect(sandbox().agentry.drafts(INBOX)).toHaveLength(2);
	});

	test('creating twice with the same Client ID gives one draft', async () => {
		const parameters = {
			resource: 'draft',
			operation: 'create',
			subject: 'Only once',
			additionalFields: { clientId: 'crm-7' },
		};
		const first = await agentry(parameters);
		const second = await agentry(parameters);
		expect(sandbox().log).toHaveLength(2);
		expect(sandbox().agentry.createCount).toBe(1);
		expect(sandbox().agentry.drafts(INBOX)).toHaveLength(1);
		expect(second.items[0].json.draft_id).toBe(first.items[0].json.draft_id);
	});

	test('a create whose answer was lost is repeated, and the Client ID keeps it to one draft', async () => {
		sandbox().faults.add({ match: { method: 'POST', path: '/drafts' }, kind: 'resetAfterProcessing', times: 1 });
		const { items, nodeError } = await agentry({ resource: 'draft', operation: 'create', subject: 'Lost answer' });
		expect(nodeError).toBeUndefined();
		expect(sandbox().log).toHaveLength(2);
		expect(sandbox().log[1].body).toEqual(sandbox().log[0].body);
		expect(sandbox().agentry.createCount).toBe(1);
		expect(items[0].json.draft_id).toBe(sandbox().agentry.drafts(INBOX)[0].draft_id);
	});

	test("n8n's Retry On Fail repeats the derived Client ID, so a lost answer still gives one draft", async () => {
		sandbox().faults.add({ match: { method: 'POST', path: '/drafts' }, kind: 'resetAfterProcessing', times: 1 });
		const { items, nodeError } = await runNode({
			type: 'agentry',
			parameters: {
				resource: 'draft',
				operation: 'create',
				inboxId: byId(INBOX),
				subject: 'Retried by n8n',
				options: { maxRetries: 0 },
			},
			credentials: agentryCredentials(sandbox()),
			retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
		});
		expect(nodeError).toBeUndefined();
		expect(sandbox().log).toHaveLength(2);
		expect(sandbox().log[1].body).toEqual(sandbox().log[0].body);
		expect(sandbox().agentry.createCount).toBe(1);
		expect(items[0].json.draft_id).toBe(sandbox().agentry.drafts(INBOX)[0].draft_id);
	});
});
