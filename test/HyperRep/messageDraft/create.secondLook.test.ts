import { runNode } from '../../harness/engine';
import { Sandbox } from '../../sandbox/server';
import { hyperRepCredentials, useSandbox } from '../../support/sandbox';

/**
 * After a reset the second look waits for what HyperRep may still carry out: a request read before
 * the connection broke. Default settings (Timeout 30 s): the wait is the shorter one of a reset, two
 * seconds against an API that answers in milliseconds (see test/shared/outcomes.settle.test.ts).
 */
const sandbox = useSandbox();
const ORG = Sandbox.HYPERREP_ORG_ID;
const onCreate = { method: 'POST', path: `/api/v2/organizations/${ORG}/message-drafts` };
const parameters = { resource: 'messageDraft', operation: 'create', toEmail: 'diana@example.com', subject: 'Your quote' };

const methods = () => sandbox().log.map((entry) => `${entry.method} ${entry.status}`);

describe('HyperRep Create: a reset whose request HyperRep carries out after the connection broke', () => {
	test('landing after the first look: the second look finds it and outputs it, nothing is created twice', async () => {
		// The draft lands as the second look arrives, before HyperRep reads the list for it (a hold
		// released once the landing's microtasks have run): after the first look, whatever the clock.
		const secondLook = sandbox().hold({ method: 'GET', path: onCreate.path }, 2);
		sandbox().faults.add({ match: onCreate, kind: 'reset', landsWhen: secondLook.arrived, times: 1 });
		void secondLook.arrived.then(() => setImmediate(secondLook.release));
		const { items, nodeError } = await runNode({ type: 'hyperRep', parameters, credentials: hyperRepCredentials(sandbox()) });
		expect(nodeError).toBeUndefined();
		expect(sandbox().hyperrep.createCount).toBe(1);
		expect(methods()).toEqual(['POST 0', 'GET 200', 'GET 200']);
		expect(items[0].json.draft_id).toBe(sandbox().hyperrep.drafts(ORG)[0].draft_id);
	});
});
