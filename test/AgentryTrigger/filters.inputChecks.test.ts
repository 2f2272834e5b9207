import { ActiveTrigger } from '../harness/poll';
import { agentryCredentials, byId, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const INBOX = 'trigger-checks@agentry.test';

test('a Labels filter with a NUL is refused before any request', async () => {
	sandbox().agentry.addInbox({ email: INBOX, display_name: 'Trigger checks' });
	const spec = {
		type: 'agentryTrigger',
		parameters: { inboxId: byId(INBOX), events: ['draftCreatedOrUpdated'], filters: { labels: ['vip', 'a\u0000b'] } },
		credentials: agentryCredentials(sandbox()),
	};
	await expect(ActiveTrigger.activate(spec)).rejects.toThrow(/^Labels contains a control character \(NUL at position 2\)/);
	expect(sandbox().log).toEqual([]);
});
