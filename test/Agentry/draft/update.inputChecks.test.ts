import type { INodeParameters } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { runNode } from '../../harness/engine';
import { agentryCredentials, byId, useSandbox } from '../../support/sandbox';

/** What Agentry's update refuses before sending. */
const sandbox = useSandbox();
const INBOX = 'update-checks@agentry.test';
let draftId = '';

beforeEach(() => {
	sandbox().agentry.addInbox({ email: INBOX, display_name: 'Update checks' });
	draftId = sandbox().agentry.addDraft(INBOX, { subject: 'Before' }).draft_id;
});

async function update(updateFields: INodeParameters) {
	return await runNode({
		type: 'agentry',
		parameters: { resource: 'draft', operation: 'update', inboxId: byId(INBOX), draftId: byId(draftId), updateFields },
		credentials: agentryCredentials(sandbox()),
	});
}

test.each([
	['a Subject with a line break', { subject: 'New\r\nBcc: all@example.com' }, /^Subject contains a control character \(carriage return at position 4\): "New\\r\\nBcc: all@example\.com"$/],
	['a display name with NUL', { cc: 'Jo\u0000e <joe@example.com>' }, /^CC address contains a control character \(NUL at position 3\)/],
	['a Send At in the past', { sendAt: DateTime.utc().minus({ days: 1 }).toISO() }, /^Send At is in the past/],
	['a Send At before 2000', { sendAt: '1999-01-01T00:00:00Z' }, /^Send At is before the year 2000/],
	['a Send At with offset +25:00', { sendAt: '2030-01-01T00:00:00+25:00' }, /^Send At is not a valid date and time/],
])('%s is refused before anything is sent', async (_name, fields, message) => {
	const { nodeError } = await update(fields);
	expect(nodeError?.message).toMatch(message);
	expect(sandbox().log).toEqual([]);
});

test('a Clear Fields entry of a megabyte, from an expression, is refused short', async () => {
	const { nodeError } = await runNode({
		type: 'agentry',
		parameters: { resource: 'draft', operation: 'update', inboxId: byId(INBOX), draftId: byId(draftId), clearFields: '={{ ["k".repeat(1000000)] }}' },
		credentials: agentryCredentials(sandbox()),
	});
	expect(nodeError?.message).toBe('Clear Fields is too long (1000000 characters; the most is 256)');
	expect(sandbox().log).toEqual([]);
});
