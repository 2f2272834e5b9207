import assert from 'node:assert/strict';

import type { Scenario } from '../scenario';
import { AGENTRY_CREATE, body, example, requests, SALES_INBOX } from './support';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
let startedAt = 0;

/** examples/follow-up-sequence.json */
export const followUp: Scenario = {
	title: 'Example: follow-up sequence, Agentry drafts scheduled for day 0, 3 and 7',
	workflow: example('exFollowUpSeq001'),
	prepare: () => {
		startedAt = Date.now();
	},
	checks: (run, { sandbox }) => {
		const creates = () => requests(sandbox, 'POST', AGENTRY_CREATE).map(body);
		return {
			'Agentry received three drafts for the lead, each with a Client ID and labels of its day': () => {
				const sent = creates();
				assert.deepEqual(sent.map((draft) => draft.client_id), ['lead_2077-day-0', 'lead_2077-day-3', 'lead_2077-day-7']);
				assert.deepEqual(sent.map((draft) => draft.labels), [['follow-up', 'day-0'], ['follow-up', 'day-3'], ['follow-up', 'day-7']]);
				for (const draft of sent) assert.deepEqual(draft.to, ['Bruce Wayne <bruce@wayne.example>']);
			},
			'Send At is 15 minutes after the trigger, then 3 and 7 days later (±1 h for a DST change)': () => {
				const times = creates().map((draft) => Date.parse(String(draft.send_at)));
				assert.equal(times.length, 3);
				const first = times[0] - startedAt;
				assert.ok(first > 10 * 60_000 && first < 30 * 60_000, `day 0 is ${Math.round(first / 60_000)} min after the start`);
				assert.ok(Math.abs(times[1] - times[0] - 3 * DAY_MS) <= HOUR_MS, `day 3 is ${(times[1] - times[0]) / DAY_MS} days after day 0`);
				assert.ok(Math.abs(times[2] - times[0] - 7 * DAY_MS) <= HOUR_MS, `day 7 is ${(times[2] - times[0]) / DAY_MS} days after day 0`);
			},
			'the node outputs the three scheduled drafts in order, as stored in the inbox': () => {
				const output = run.json('Schedule draft');
				assert.deepEqual(output.map((draft) => draft.subject), ['Welcome, Bruce', 'A few ideas for your first week', 'Anything I can help with?']);
				const stored = sandbox.agentry.drafts(SALES_INBOX);
				for (const draft of output) {
					const match = stored.find((entry) => entry.draft_id === draft.draft_id);
					assert.ok(match?.send_at, `draft ${String(draft.draft_id)} is not scheduled in the inbox`);
					assert.equal(draft.send_at, match.send_at);
				}
			},
		};
	},
};
