import assert from 'node:assert/strict';

import type { Scenario } from '../scenario';
import { agentry, hyperRep, manualTrigger, workflow } from '../workflow';
import { AGENTRY_CREATE, body, requests, SALES_INBOX } from './support';

const inbox = { __rl: true, mode: 'id', value: SALES_INBOX };
const create = (name: string, sendAt: string) =>
	agentry(name, { resource: 'draft', operation: 'create', inboxId: inbox, to: 'jane@example.com', subject: name, additionalFields: { sendAt } });

const instant = (value: unknown) => new Date(String(value)).toISOString();

/**
 * Dates without a zone mean the workflow's time zone (issue 9 §2): here Asia/Kolkata (UTC+5:30),
 * while the n8n process runs in America/Los_Angeles and GENERIC_TIMEZONE keeps n8n's default.
 */
export const timeZone: Scenario = {
	title: "Dates are read in the workflow's time zone (Asia/Kolkata)",
	workflow: workflow(
		'e2eTimeZone00001',
		'e2e: time zone',
		[
			manualTrigger(),
			create('Send At without zone', '2030-01-02T09:00:00'),
			create('Send At in UTC', '2030-01-02T09:00:00Z'),
			hyperRep('Drafts of 2 January', {
				resource: 'messageDraft',
				operation: 'getAll',
				limit: 1,
				filters: { startDate: '2030-01-02', endDate: '2030-01-02' },
			}),
		],
		[
			['Start', 'Send At without zone'],
			['Send At without zone', 'Send At in UTC'],
			['Send At in UTC', 'Drafts of 2 January'],
		],
		{ timezone: 'Asia/Kolkata' },
	),
	checks: (_run, { sandbox }) => {
		const sendAts = () => requests(sandbox, 'POST', AGENTRY_CREATE).map((entry) => body(entry).send_at);
		const listing = () => requests(sandbox, 'GET', /\/message-drafts$/)[0]?.query ?? {};
		return {
			'Send At 2030-01-02T09:00:00 is 09:00 in Kolkata (03:30 UTC)': () => assert.equal(instant(sendAts()[0]), '2030-01-02T03:30:00.000Z'),
			'Send At with Z keeps its instant': () => assert.equal(instant(sendAts()[1]), '2030-01-02T09:00:00.000Z'),
			'a date-only Start Date is the start of that day in Kolkata': () => assert.equal(instant(listing().start_date), '2030-01-01T18:30:00.000Z'),
			'a date-only End Date includes the whole day in Kolkata': () => {
				const end = Date.parse(String(listing().end_date));
				assert.ok(end >= Date.parse('2030-01-02T18:29:59.000Z') && end < Date.parse('2030-01-02T18:30:00.000Z'), `end_date ${listing().end_date}`);
			},
		};
	},
};
