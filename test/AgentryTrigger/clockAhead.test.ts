import { agentry, agPath } from '../sandbox/testClient';
import { useSandbox } from '../support/sandbox';
import { AGENTRY_INBOX, agentryTriggerKit } from '../support/triggerKits';
import { DAY, describeClockAhead } from '../support/triggerScenarios';

const sandbox = useSandbox();
const kit = agentryTriggerKit(sandbox);
describeClockAhead(sandbox, kit);

// Agentry lists updated drafts too; HyperRep's trigger sees new drafts only.
test('the draft stamped ahead, edited later, comes out as updated once', async () => {
	const trigger = await kit.activate();
	sandbox().clock.runAhead(DAY);
	const [early] = await kit.createDrafts(1);
	await trigger.poll();
	const res = await agentry(sandbox(), 'PATCH', agPath(AGENTRY_INBOX, `/drafts/${early}`), { body: { subject: 'Edited' } });
	expect(res.statusCode).toBe(200);
	const { items } = await trigger.poll();
	expect(items.map((item) => [item.json.draft_id, item.json.subject])).toEqual([[early, 'Edited']]);
	expect(await trigger.poll()).toEqual({ items: [] });
});
