import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import type { FaultRule } from '../../sandbox/server';
import { agentryCredentials, byId, useSandbox } from '../../support/sandbox';

const sandbox = useSandbox();
const INBOX = 'sales@agentry.test';
let draftId = '';

beforeEach(() => {
	sandbox().agentry.addInbox({ email: INBOX, display_name: 'Sales' });
	draftId = sandbox().agentry.addDraft(INBOX, { subject: 'Your quote', to: ['diana@example.com'] }).draft_id;
});

async function send(faults: FaultRule[], inboxId = INBOX) {
	for (const fault of faults) sandbox().faults.add(fault);
	const parameters: INodeParameters = { resource: 'draft', operation: 'send', inboxId: byId(inboxId), draftId: byId(draftId) };
	return await runNode({ type: 'agentry', parameters, credentials: agentryCredentials(sandbox()) });
}

const onSend = { method: 'POST', path: '/send' };

describe('Agentry Send: an unknown outcome is resolved by reading the draft', () => {
	test('a gateway 502 after Agentry sent it: the draft is gone, the item reports it sent', async () => {
		const { items, nodeError } = await send([{ match: onSend, kind: 'status', status: 502, processed: true, times: 1 }]);
		expect(nodeError).toBeUndefined();
		expect(sandbox().agentry.sendCount).toBe(1);
		expect(items[0].json).toEqual({ draft_only: false, inbox_id: INBOX, status: 'sent', draft_id: draftId });
	});

	test('an unreadable answer, and the draft is sending: reported sent, not sent again', async () => {
		const sendingThenGarbled = () => {
			sandbox().agentry.setSendStatus(draftId, 'sending');
			return '<html>upstream</html>';
		};
		const { items, nodeError } = await send([{ match: onSend, kind: 'body', body: sendingThenGarbled, times: 1 }]);
		expect(nodeError).toBeUndefined();
		expect(sandbox().agentry.sendCount).toBe(0);
		expect(items[0].json.status).toBe('sent');
	});

	test('a reset, and the draft is still there: the send may be on its way, so the item fails and nothing is sent twice', async () => {
		const { nodeError } = await send([{ match: onSend, kind: 'reset', times: 1 }]);
		expect(sandbox().agentry.sendCount).toBe(0);
		expect(sandbox().log.map((entry) => entry.method)).toEqual(['POST', 'GET']);
		expect(nodeError?.message).toMatch(/: the email may already have been sent$/);
		expect(nodeError?.description).toContain('the draft is still in the inbox, not sent yet');
	});
});
