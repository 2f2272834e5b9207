import type { INodeParameters } from 'n8n-workflow';

import { deduplicationStore } from '../../harness/deduplication';
import { runNode } from '../../harness/engine';
import { agentryCredentials, byId, useSandbox } from '../../support/sandbox';

const sandbox = useSandbox();
const INBOX = 'sales@agentry.test';
let draftId = '';

beforeEach(() => {
	deduplicationStore.clear();
	sandbox().agentry.addInbox({ email: INBOX, display_name: 'Sales' });
	draftId = sandbox().agentry.addDraft(INBOX, { subject: 'Your quote', to: ['diana@example.com'] }).draft_id;
});

const send = (): INodeParameters => ({
	resource: 'draft',
	operation: 'send',
	inboxId: byId(INBOX),
	draftId: byId(draftId),
	options: { deduplicationKey: 'L1' },
});

async function execution(parameters = send()) {
	return await runNode({ type: 'agentry', parameters, credentials: agentryCredentials(sandbox()) });
}

describe('Deduplication Key on Agentry Draft Send', () => {
	test('a re-run skips a send whose key was done, before reading the draft it names', async () => {
		expect((await execution()).items[0].json).toMatchObject({ status: 'sent', draft_id: draftId });
		sandbox().clearLog();
		// The draft ID an earlier step would give is missing now: the skip does not need it.
		const again = await execution({ ...send(), draftId: byId('={{ $json.draft_id }}') });
		expect(again.nodeError).toBeUndefined();
		expect(again.items[0].json).toEqual({ skipped: true, deduplication_key: 'L1' });
		expect(sandbox().agentry.sendCount).toBe(1);
		expect(sandbox().log).toEqual([]);
	});

	test('a crash between the send and its record: the re-run reads the draft gone and reports it sent', async () => {
		deduplicationStore.failNext('removeProcessed');
		expect((await execution()).nodeError?.message).toContain('deduplication store');

		const again = await execution();
		expect(again.nodeError).toBeUndefined();
		expect(sandbox().agentry.sendCount).toBe(1);
		expect(again.items[0].json).toEqual({
			draft_only: false,
			inbox_id: INBOX,
			status: 'sent',
			draft_id: draftId,
			skipped: true,
			deduplication_key: 'L1',
		});
	});

	test('a crash after the claim, before the send: the re-run finds the draft unsent and sends it', async () => {
		deduplicationStore.failNext('checkProcessedAndRecord', true);
		await execution();
		expect(sandbox().agentry.sendCount).toBe(0);

		const again = await execution();
		expect(again.nodeError).toBeUndefined();
		expect(sandbox().agentry.sendCount).toBe(1);
		expect(again.items[0].json).toEqual({ draft_only: false, inbox_id: INBOX, status: 'sent', draft_id: draftId });
	});

	test('a crash after the claim, and the send failed since: the re-run fails, never sends', async () => {
		deduplicationStore.failNext('checkProcessedAndRecord', true);
		await execution();
		sandbox().agentry.setSendStatus(draftId, 'failed');

		const again = await execution();
		expect(sandbox().agentry.sendCount).toBe(0);
		expect(again.nodeError?.message).toContain('the email may already have been sent');
		expect(again.nodeError?.description).toContain('its send failed');
	});
});
