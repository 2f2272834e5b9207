import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { retryBackoff } from '../../../nodes/shared/retry';
import { runNode } from '../../harness/engine';
import { Sandbox } from '../../sandbox/server';
import { hyperRepCredentials, useSandbox } from '../../support/sandbox';

/**
 * HyperRep creates behind a connection cap that resets further connections before reading them
 * (issue 17). The client cannot tell such a reset from one after HyperRep read the request: each
 * is an unknown outcome, resolved by looking the draft up, and created again only once two looks
 * found nothing. Default settings throughout (Timeout 30 s).
 */
const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const leads = (count: number): INodeExecutionData[] => Array.from({ length: count }, (_, n) => ({ json: { n } }));
const parameters: INodeParameters = { resource: 'messageDraft', operation: 'create', toEmail: 'lead@example.com', subject: '={{ "Item " + $json.n }}' };

// Retries wait a fixed time that grows, as the backoff does, not a random one (nor none: a retry
// sent at once behind a full connection cap is reset again).
const noWait = retryBackoff.waitMs;
beforeAll(() => {
	retryBackoff.waitMs = (attempt) => Math.min(200, 20 * 2 ** attempt);
});
afterAll(() => {
	retryBackoff.waitMs = noWait;
});

async function createsBehindCap(count: number, maxConnections: number) {
	sandbox().latencyMs = 10;
	sandbox().capacity.set({ maxConnections });
	const { items } = await runNode({ type: 'hyperRep', parameters, credentials: hyperRepCredentials(sandbox()), input: leads(count), onError: 'continueRegularOutput' });
	return items;
}

/** Every item is output with the one draft made for it, and no draft was made twice. */
function expectEachDraftOnce(items: INodeExecutionData[], count: number) {
	expect(items.filter((item) => item.json.error !== undefined)).toEqual([]);
	expect(items).toHaveLength(count);
	const drafts = sandbox().hyperrep.drafts(ORG);
	expect(sandbox().hyperrep.createCount).toBe(count);
	expect(drafts).toHaveLength(count);
	const draftIdOf = new Map(drafts.map((draft) => [draft.subject, draft.draft_id]));
	expect(draftIdOf.size).toBe(count);
	items.forEach((item, index) => expect(item.json.draft_id).toBe(draftIdOf.get(`Item ${index}`)));
}

/** Connections were reset, and at least one create was looked up (a lookup is the only GET of a create). */
function expectResetsResolvedByLookups() {
	expect(sandbox().capacity.stats().connectionsReset).toBeGreaterThan(0);
	expect(sandbox().log.filter((entry) => entry.method === 'GET').length).toBeGreaterThan(0);
}

describe('HyperRep Create behind a connection cap that resets further connections', () => {
	test('300 creates behind a 16-connection cap (the case of issue 17): none fails, each draft once', async () => {
		const items = await createsBehindCap(300, 16);
		expectResetsResolvedByLookups();
		expectEachDraftOnce(items, 300);
	});

	test('60 creates behind a 4-connection cap: none fails, each draft once', async () => {
		const items = await createsBehindCap(60, 4);
		expectResetsResolvedByLookups();
		expectEachDraftOnce(items, 60);
	});
});
