import { deduplicationStore } from '../../harness/deduplication';
import { runNode } from '../../harness/engine';
import { agentryCredentials, byId, useSandbox } from '../../support/sandbox';

/**
 * n8n's deduplication store loses records when executions on two workers write its row at once. A
 * send whose key it lost is sent again only if the draft is still there: a sent draft has left the
 * inbox, and Agentry refuses to send it twice.
 */

const sandbox = useSandbox();
const INBOX = 'sales@agentry.test';

beforeEach(() => deduplicationStore.clear());

async function send(draftId: string, key: string) {
	return await runNode({
		type: 'agentry',
		parameters: { resource: 'draft', operation: 'send', inboxId: byId(INBOX), draftId: byId(draftId), options: { deduplicationKey: key } },
		credentials: agentryCredentials(sandbox()),
	});
}

describe('Agentry Draft Send, a Deduplication Key the store lost', () => {
	test('the re-run of a sent draft fails as not found and sends nothing', async () => {
		sandbox().agentry.addInbox({ email: INBOX, display_name: 'Sales' });
		const add = () => sandbox().agentry.addDraft(INBOX, { subject: 'Your quote', to: ['diana@example.com'] }).draft_id;
		await send(add(), 'L0');
		const draftId = add();
		const overlapping = deduplicationStore.overlappingCall();
		expect((await send(draftId, 'L1')).items[0].json.status).toBe('sent');
		overlapping();

		const again = await send(draftId, 'L1');
		expect(again.nodeError?.message).toContain('was not found');
		expect(sandbox().agentry.sendCount).toBe(2);
	});
});
