import type { INodeParameters } from 'n8n-workflow';

import { retryBackoff } from '../../nodes/shared/retry';
import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import type { FaultRule } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const BASE = `/api/v2/organizations/${ORG}/message-drafts`;

const create = {
	resource: 'messageDraft',
	operation: 'create',
	toEmail: 'diana@example.com',
	subject: 'Quote',
};
const list = { resource: 'messageDraft', operation: 'getAll', returnAll: true };

async function run(parameters: INodeParameters, faults: FaultRule[] = [], extra: Partial<Parameters<typeof runNode>[0]> = {}) {
	for (const fault of faults) sandbox().faults.add(fault);
	return await runNode({ type: 'hyperRep', parameters, credentials: hyperRepCredentials(sandbox()), ...extra });
}

const onCreate = { method: 'POST', path: BASE };

/** Waits for the sandbox to finish requests the client has already given up on. */
async function until(condition: () => boolean) {
	for (let polls = 0; !condition() && polls < 200; polls++) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
const onList = { method: 'GET', path: BASE };

describe('requests the server refused before processing are repeated', () => {
	const noWait = retryBackoff.waitMs;
	afterEach(() => {
		retryBackoff.waitMs = noWait;
	});

	test('429 with Retry-After, then success: one draft', async () => {
		const { items, nodeError } = await run(create, [
			{ match: onCreate, kind: 'status', status: 429, retryAfter: '0', times: 2 },
		]);
		expect(nodeError).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(sandbox().log.map((entry) => entry.status)).toEqual([429, 429, 201]);
		expect(sandbox().hyperrep.createCount).toBe(1);
	});

	test('503 without Retry-After backs off, longer each attempt, and retries a create', async () => {
		const waited: number[] = [];
		retryBackoff.waitMs = (attempt) => {
			waited.push(attempt);
			return 0;
		};
		const { nodeError } = await run(create, [{ match: onCreate, kind: 'status', status: 503, times: 2 }]);
		expect(nodeError).toBeUndefined();
		expect(sandbox().log.map((entry) => entry.status)).toEqual([503, 503, 201]);
		expect(waited).toEqual([0, 1]);
	});

	test('a dropped connection before anything was processed is retried for reads', async () => {
		const { items } = await run(list, [{ match: onList, kind: 'reset', times: 1 }]);
		expect(items).toEqual([]);
		expect(sandbox().log).toHaveLength(2);
	});

	test('500 and an HTML 502 page are retried for reads', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 1);
		const { items } = await run(list, [
			{ match: onList, kind: 'status', status: 500, times: 1 },
			{ match: onList, kind: 'html', status: 502, times: 1 },
		]);
		expect(items).toHaveLength(1);
		expect(sandbox().log.map((entry) => entry.status)).toEqual([500, 502, 200]);
	});
});

describe('limits', () => {
	test('Max Retries caps the attempts and the error says how many were made', async () => {
		const { nodeError } = await run({ ...list, options: { maxRetries: 2 } }, [
			{ match: onList, kind: 'status', status: 503, retryAfter: '0' },
		]);
		expect(sandbox().log).toHaveLength(3);
		expect(nodeError?.message).toMatch(/busy or rate-limiting requests \(HTTP 503\).* after 3 attempts$/);
		expect(nodeError?.description).toContain('Max Retries');
	});

	test('Max Retries 0 turns retrying off', async () => {
		const { nodeError } = await run({ ...list, options: { maxRetries: 0 } }, [
			{ match: onList, kind: 'status', status: 429, retryAfter: '0' },
		]);
		expect(sandbox().log).toHaveLength(1);
		expect((nodeError as { httpCode?: string }).httpCode).toBe('429');
	});

	test('client errors are not retried', async () => {
		await run({ resource: 'messageDraft', operation: 'get', draftId: 'HR_id_missing' });
		expect(sandbox().log).toHaveLength(1);
	});
});

describe('a create whose outcome is unknown is looked up, never repeated blindly', () => {
	test('a reset after the server created the draft: the lookup finds it and outputs it', async () => {
		const { items, nodeError } = await run(create, [{ match: onCreate, kind: 'resetAfterProcessing', times: 1 }]);
		expect(nodeError).toBeUndefined();
		expect(sandbox().log.map((entry) => entry.method)).toEqual(['POST', 'GET']);
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(items[0].json.draft_id).toBe(sandbox().hyperrep.drafts(ORG)[0].draft_id);
	});

	test('a 500 on create: HyperRep is done with it, the lookup proves nothing was made, and it is created once', async () => {
		const { nodeError } = await run(create, [{ match: onCreate, kind: 'status', status: 500, times: 1 }]);
		expect(nodeError).toBeUndefined();
		expect(sandbox().log.map((entry) => `${entry.method} ${entry.status}`)).toEqual(['POST 500', 'GET 200', 'POST 201']);
		expect(sandbox().hyperrep.createCount).toBe(1);
	});

	test('a timeout on create, while a timed-out read is retried', async () => {
		// The first request is held until the client has given up on it: its timeout always comes first.
		const held = (match: FaultRule['match']) => {
			let release = () => {};
			const until = new Promise<void>((resolve) => (release = resolve));
			return { rule: { match, kind: 'latency', until, times: 1 } as FaultRule, release };
		};
		const slowCreate = held(onCreate);
		const created = await run({ ...create, options: { timeout: 100 } }, [slowCreate.rule]);
		expect(created.nodeError?.description).toContain('The outcome is unknown');
		expect(created.nodeError?.description).toContain('HyperRep may still be working on the request');
		// The server finishes the abandoned request later: it did create the draft, once.
		slowCreate.release();
		await until(() => sandbox().log[0]?.status === 201);
		expect(sandbox().hyperrep.createCount).toBe(1);

		sandbox().reset();
		const slowList = held(onList);
		const listed = await run({ ...list, options: { timeout: 100 } }, [slowList.rule]);
		expect(listed.nodeError).toBeUndefined();
		slowList.release();
		await until(() => sandbox().log.length === 2 && sandbox().log.every((entry) => entry.status === 200));
		expect(sandbox().log.map((entry) => entry.method)).toEqual(['GET', 'GET']);
	});
});

describe('with n8n around it', () => {
	test("n8n's Retry On Fail still retries the node on top", async () => {
		const { items, nodeError } = await run(
			{ ...list, options: { maxRetries: 0 } },
			[{ match: onList, kind: 'status', status: 500, times: 1 }],
			{ retryOnFail: { maxTries: 2, waitBetweenTries: 0 } },
		);
		expect(nodeError).toBeUndefined();
		expect(items).toEqual([]);
		expect(sandbox().log.map((entry) => entry.status)).toEqual([500, 200]);
	});

	test('cancelling the execution stops a Retry-After wait', async () => {
		const controller = new AbortController();
		const running = run(list, [{ match: onList, kind: 'status', status: 429, retryAfter: '60' }], {
			abortSignal: controller.signal,
		});
		await until(() => sandbox().log.length === 1);
		controller.abort();
		const { run: execution } = await running;
		expect(execution.status).toBe('canceled');
		expect(sandbox().log).toHaveLength(1);
	}, 10_000);
});

describe('Agentry: repeat only what is safe to repeat', () => {
	const inbox = 'ops@agentry.test';
	const inboxId = byId(inbox);
	const drafts = `/human/v0/inboxes/${encodeURIComponent(inbox)}/drafts`;

	async function agentry(parameters: INodeParameters, faults: FaultRule[]) {
		for (const fault of faults) sandbox().faults.add(fault);
		return await runNode({ type: 'agentry', parameters: { inboxId, ...parameters }, credentials: agentryCredentials(sandbox()) });
	}

	beforeEach(() => sandbox().agentry.addInbox({ email: inbox, display_name: 'Ops' }));

	test('a create whose answer was lost is repeated with the same Client ID and yields one draft', async () => {
		const { items, nodeError } = await agentry({ resource: 'draft', operation: 'create', to: 'a@example.com', subject: 'Once' }, [
			{ match: { method: 'POST', path: drafts }, kind: 'resetAfterProcessing', times: 1 },
		]);
		expect(nodeError).toBeUndefined();
		const [first, second] = sandbox().log.map((entry) => (entry.body as { client_id: string }).client_id);
		expect(first).toBeTruthy();
		expect(second).toBe(first);
		expect(sandbox().agentry.createCount).toBe(1);
		expect(sandbox().agentry.drafts(inbox).map((draft) => draft.draft_id)).toEqual([items[0].json.draft_id]);
	});

	test('a send whose answer was lost is not repeated: the draft, gone, says it was sent', async () => {
		const draft = sandbox().agentry.addDraft(inbox, { subject: 'Send me' });
		const { items, nodeError } = await agentry({ resource: 'draft', operation: 'send', draftId: byId(draft.draft_id) }, [
			{ match: { method: 'POST', path: '/send' }, kind: 'resetAfterProcessing' },
		]);
		expect(nodeError).toBeUndefined();
		expect(sandbox().log.map((entry) => entry.method)).toEqual(['POST', 'GET']);
		expect(sandbox().agentry.sendCount).toBe(1);
		expect(items[0].json).toEqual({ draft_only: false, inbox_id: inbox, status: 'sent', draft_id: draft.draft_id });
	});

	test('a refused send (429) is repeated', async () => {
		const draft = sandbox().agentry.addDraft(inbox, { subject: 'Send me' });
		const { items } = await agentry({ resource: 'draft', operation: 'send', draftId: byId(draft.draft_id) }, [
			{ match: { method: 'POST', path: '/send' }, kind: 'status', status: 429, retryAfter: '0', times: 1 },
		]);
		expect(sandbox().agentry.sendCount).toBe(1);
		expect(items[0].json).toMatchObject({ status: 'sent', draft_id: draft.draft_id });
	});

	test('an attachment upload that failed with a 500 is not repeated', async () => {
		const draft = sandbox().agentry.addDraft(inbox, { subject: 'With file' });
		const { nodeError } = await agentry(
			{ resource: 'attachment', operation: 'add', draftId: byId(draft.draft_id), source: 'url', url: 'https://files.example.com/a.pdf' },
			[{ match: { method: 'POST', path: '/attachments' }, kind: 'status', status: 500 }],
		);
		expect(sandbox().log).toHaveLength(1);
		expect(nodeError?.description).toContain('The outcome is unknown');
	});
});

describe('a success whose answer could not be read is an unknown outcome, never a cue to repeat blindly', () => {
	const inbox = 'garbled@agentry.test';
	const drafts = `/human/v0/inboxes/${encodeURIComponent(inbox)}/drafts`;
	const garbled: Array<[string, FaultRule['kind'], string | undefined]> = [
		['an unreadable body', 'body', '<html>Created</html>'],
		['a cut-off body', 'truncated', undefined],
	];

	test.each(garbled)('Agentry create answered with %s: repeated with its Client ID, one draft', async (_name, kind, body) => {
		sandbox().agentry.addInbox({ email: inbox, display_name: 'Garbled' });
		sandbox().faults.add({ match: { method: 'POST', path: drafts }, kind, body, processed: true, times: 1 });
		const { items, nodeError } = await runNode({
			type: 'agentry',
			parameters: { resource: 'draft', operation: 'create', inboxId: byId(inbox), to: 'a@example.com', subject: 'Once' },
			credentials: agentryCredentials(sandbox()),
		});
		expect(nodeError).toBeUndefined();
		expect(sandbox().log.map((entry) => entry.status)).toEqual([201, 200]);
		expect(sandbox().agentry.createCount).toBe(1);
		expect(items[0].json.draft_id).toBe(sandbox().agentry.drafts(inbox)[0].draft_id);
	});

	test.each(garbled)('HyperRep create answered with %s: not repeated, the lookup finds the draft', async (_name, kind, body) => {
		const { items, nodeError } = await run(create, [{ match: onCreate, kind, body, processed: true, times: 1 }]);
		expect(nodeError).toBeUndefined();
		expect(sandbox().log.map((entry) => entry.method)).toEqual(['POST', 'GET']);
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(items[0].json.draft_id).toBe(sandbox().hyperrep.drafts(ORG)[0].draft_id);
	});

	test.each(garbled)('HyperRep create answered with %s, and the draft is gone since: an error that says it may exist', async (_name, kind, body) => {
		sandbox().hyperrep.deliverAtOnce = true;
		const { nodeError } = await run({ ...create, delivery: 'sendNow' }, [{ match: onCreate, kind, body, processed: true, times: 1 }]);
		expect(sandbox().log.map((entry) => entry.method)).toEqual(['POST', 'GET']);
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(nodeError?.message).toMatch(/: the draft may already exist$/);
		expect(nodeError?.description).toContain('Get Many');
		expect(nodeError?.description).not.toMatch(/try again later/i);
	});
});

describe('a delete whose first answer was lost', () => {
	const inbox = 'deletes@agentry.test';

	test.each([
		['HyperRep draft', 'hyperRep', 'draft_id'],
		['Agentry draft', 'agentry', 'draft_id'],
		['Agentry attachment', 'agentry', 'attachment_id'],
	])('%s: the retry finds nothing, which is success, flagged already_gone', async (_name, node, key) => {
		sandbox().agentry.addInbox({ email: inbox, display_name: 'Deletes' });
		const agentryDraft = sandbox().agentry.addDraft(inbox, { subject: 'Delete me' });
		const ids = {
			hyperRep: sandbox().hyperrep.addDraft(ORG, { subject: 'Delete me' }).draft_id,
			draft_id: agentryDraft.draft_id,
			attachment_id: sandbox().agentry.addAttachment(agentryDraft.draft_id, { content: Buffer.from('x') }).attachment_id,
		};
		const parameters: Record<string, INodeParameters> = {
			hyperRep: { resource: 'messageDraft', operation: 'delete', draftId: ids.hyperRep },
			draft_id: { resource: 'draft', operation: 'delete', inboxId: byId(inbox), draftId: byId(ids.draft_id) },
			attachment_id: {
				resource: 'attachment',
				operation: 'delete',
				inboxId: byId(inbox),
				draftId: byId(ids.draft_id),
				attachmentId: ids.attachment_id,
			},
		};
		const which = node === 'hyperRep' ? 'hyperRep' : key;
		sandbox().faults.add({ match: { method: 'DELETE' }, kind: 'resetAfterProcessing', times: 1 });
		const credentials = node === 'hyperRep' ? hyperRepCredentials(sandbox()) : agentryCredentials(sandbox());
		const { items, nodeError } = await runNode({ type: node, parameters: parameters[which], credentials });
		expect(nodeError).toBeUndefined();
		expect(sandbox().log.map((entry) => `${entry.method} ${entry.status}`)).toEqual(['GET 200', 'DELETE 0', 'DELETE 404']);
		expect(items[0].json).toEqual({ deleted: true, [key]: which === 'hyperRep' ? ids.hyperRep : ids[key as 'draft_id'], already_gone: true });
	});

	test('a plain 404 on the first attempt is still "not found"', async () => {
		const { nodeError } = await run({ resource: 'messageDraft', operation: 'delete', draftId: 'HR_id_never' });
		expect(nodeError?.message).toBe('Message draft "HR_id_never" was not found in this organization');
	});
});
