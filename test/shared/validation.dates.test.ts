import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { Sandbox } from '../sandbox/server';
import { agentryCredentials, byId, hyperRepCredentials, useSandbox } from '../support/sandbox';

/** Dates without a zone mean the workflow's time zone, as they do everywhere else in n8n. */
const sandbox = useSandbox();
const INBOX = 'dates@agentry.test';
const KOLKATA = { timezone: 'Asia/Kolkata' };

async function agentry(parameters: INodeParameters, timezone = KOLKATA) {
	return await runNode({
		type: 'agentry',
		parameters: { inboxId: byId(INBOX), ...parameters },
		credentials: agentryCredentials(sandbox()),
		settings: timezone,
	});
}

function sentSendAt(): unknown {
	return (sandbox().log.at(-1)?.body as { send_at?: unknown }).send_at;
}

beforeEach(() => sandbox().agentry.addInbox({ email: INBOX, display_name: 'Dates' }));

describe('Agentry Send At', () => {
	const create = (sendAt: string) => ({
		resource: 'draft',
		operation: 'create',
		to: 'jane@example.com',
		subject: 'Hi',
		additionalFields: { sendAt },
	});

	test.each([
		['a value without a zone, as the date picker stores it', '2030-01-02T09:00:00', '2030-01-02T03:30:00.000Z'],
		['a value without seconds', '2030-01-02T09:00', '2030-01-02T03:30:00.000Z'],
		['a value with a space instead of T', '2030-01-02 09:00:00', '2030-01-02T03:30:00.000Z'],
		['a date alone (the start of that day)', '2030-01-02', '2030-01-01T18:30:00.000Z'],
		['a UTC value, which keeps its instant', '2030-01-02T09:00:00Z', '2030-01-02T09:00:00.000Z'],
		['a value with an offset, which keeps its instant', '2030-01-02T09:00:00+02:00', '2030-01-02T07:00:00.000Z'],
		[
			'a Luxon DateTime from an expression, which keeps its instant',
			"={{ DateTime.fromISO('2030-01-02T09:00:00', { zone: 'America/New_York' }) }}",
			'2030-01-02T14:00:00.000Z',
		],
	])('create: %s', async (_name, value, expected) => {
		const { nodeError } = await agentry(create(value));
		expect(nodeError).toBeUndefined();
		expect(sentSendAt()).toBe(expected);
	});

	test('create: the same value follows the workflow time zone', async () => {
		await agentry(create('2030-01-02T09:00:00'), { timezone: 'America/Los_Angeles' });
		expect(sentSendAt()).toBe('2030-01-02T17:00:00.000Z');
	});

	test('update: a value without a zone is read in the workflow time zone', async () => {
		const draft = sandbox().agentry.addDraft(INBOX, { subject: 'Later' });
		const { nodeError } = await agentry({
			resource: 'draft',
			operation: 'update',
			draftId: byId(draft.draft_id),
			updateFields: { sendAt: '2030-06-01T08:15:00' },
		});
		expect(nodeError).toBeUndefined();
		expect(sentSendAt()).toBe('2030-06-01T02:45:00.000Z');
	});
});

describe('HyperRep Get Many date filters', () => {
	const ORG = Sandbox.HYPERREP_ORG_ID;

	async function list(filters: Record<string, string>) {
		return await runNode({
			type: 'hyperRep',
			parameters: { resource: 'messageDraft', operation: 'getAll', returnAll: true, filters },
			credentials: hyperRepCredentials(sandbox()),
			settings: KOLKATA,
		});
	}

	test('a date-only Start and End Date cover that whole day in the workflow time zone', async () => {
		// 2030-01-02 in Kolkata runs from 2030-01-01T18:30Z to 2030-01-02T18:29:59.999Z.
		for (const [subject, created_at] of [
			['before', '2030-01-01T18:29:59Z'],
			['first minute', '2030-01-01T18:30:00Z'],
			['last minute', '2030-01-02T18:29:00Z'],
			['after', '2030-01-02T18:30:00Z'],
		]) {
			sandbox().hyperrep.addDraft(ORG, { subject, created_at });
		}
		const { items, nodeError } = await list({ startDate: '2030-01-02', endDate: '2030-01-02' });
		expect(nodeError).toBeUndefined();
		expect(sandbox().log[0].query).toMatchObject({
			start_date: '2030-01-01T18:30:00.000Z',
			end_date: '2030-01-02T18:29:59.999Z',
		});
		expect(items.map((item) => item.json.subject)).toEqual(['last minute', 'first minute']);
	});

	test('date-times without a zone are read in the workflow time zone', async () => {
		await list({ startDate: '2030-01-02T09:00:00', endDate: '2030-01-02T17:00:00' });
		expect(sandbox().log[0].query).toMatchObject({
			start_date: '2030-01-02T03:30:00.000Z',
			end_date: '2030-01-02T11:30:00.000Z',
		});
	});

	test('a Start Date after the End Date is refused before sending', async () => {
		const { nodeError } = await list({ startDate: '2030-01-03', endDate: '2030-01-02' });
		expect(nodeError?.message).toBe('Start Date is after End Date');
		expect(sandbox().log).toEqual([]);
	});
});
