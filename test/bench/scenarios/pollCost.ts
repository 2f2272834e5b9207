import { setTimeout as sleep } from 'node:timers/promises';

import { ActiveTrigger, type TriggerSpec } from '../../harness/poll';
import { agentry, type ApiName, byId, hyperRep, MAX_PAGE_SIZE } from '../apis';
import { measure } from '../measure';
import { type Check, format, type ScenarioResult } from '../report';
import type { SandboxClient } from '../sandboxClient';

export interface PollCostSettings {
	/** Drafts already in the organization and in the inbox when the trigger is activated. */
	drafts: number;
	/** New drafts before each poll, in this order. */
	newDrafts: number[];
	latencyMs: number;
}

const SCENARIO = 'Trigger poll';

interface TriggerCase {
	api: ApiName;
	spec: TriggerSpec;
	addNew(count: number): Promise<void>;
}

async function triggerCases(sandbox: SandboxClient, drafts: number): Promise<TriggerCase[]> {
	const organization = await sandbox.call('addHyperRepOrganization');
	await sandbox.call('seedHyperRepDrafts', drafts, organization.organizationId);
	const inboxId = await sandbox.call('addInbox');
	await sandbox.call('seedAgentryDrafts', inboxId, drafts);
	const target = { baseUrl: sandbox.url, id: organization.organizationId, apiKey: organization.apiKey };
	return [
		{
			api: 'HyperRep',
			spec: { type: 'hyperRepTrigger', parameters: { event: 'newMessageDraft' }, credentials: hyperRep.credentials(target) },
			addNew: async (count) => await sandbox.call('addHyperRepDrafts', organization.organizationId, count),
		},
		{
			api: 'Agentry',
			spec: {
				type: 'agentryTrigger',
				parameters: { inboxId: byId(inboxId), events: ['draftCreatedOrUpdated'] },
				credentials: agentry.credentials({ baseUrl: sandbox.url, id: inboxId }),
			},
			addNew: async (count) => await sandbox.call('addAgentryDrafts', inboxId, count),
		},
	];
}

/** The most requests a poll may take: the new drafts, the one at the watermark and one older, in full pages. */
const requestBudget = (newDrafts: number) => Math.ceil((newDrafts + 2) / MAX_PAGE_SIZE);

async function benchTrigger(sandbox: SandboxClient, trigger: TriggerCase, settings: PollCostSettings) {
	const { trigger: active } = await ActiveTrigger.activate(trigger.spec);
	const activationRequests = (await sandbox.call('takeLog')).length;
	const polls = [];
	for (const newDrafts of settings.newDrafts) {
		await trigger.addNew(newDrafts);
		// The sandbox stamps each write at least 1 ms after the last, so N drafts made at once are
		// stamped up to N ms ahead of real time: waiting that long keeps them from counting as
		// stamped ahead of the poll (a cost of its own, measured by the triggers' clock-ahead tests).
		await sleep(newDrafts + 20);
		await sandbox.call('takeLog');
		const { result, ms } = await measure(() => active.poll());
		if (result.error) throw result.error;
		if (result.items.length !== newDrafts) {
			throw new Error(`${SCENARIO}: the ${trigger.api} trigger emitted ${result.items.length} drafts, expected ${newDrafts}`);
		}
		const requests = (await sandbox.call('takeLog')).length;
		console.log(`  ${trigger.api}: ${newDrafts} new of ${settings.drafts.toLocaleString('en-US')} -> ${requests} requests, ${format.ms(ms)}`);
		polls.push({ newDrafts, requests, budget: requestBudget(newDrafts), ms });
	}
	return {
		api: trigger.api,
		drafts: settings.drafts,
		activationRequests,
		wholeListRequests: Math.ceil(settings.drafts / MAX_PAGE_SIZE),
		stateBytes: JSON.stringify(active.savedStaticData()).length,
		polls,
	};
}

type TriggerFigures = Awaited<ReturnType<typeof benchTrigger>>;

function checksOf(figures: TriggerFigures, latencyMs: number): Check[] {
	const scenario = `${SCENARIO} ${figures.api} (${figures.drafts.toLocaleString('en-US')} drafts, ${latencyMs} ms latency)`;
	return [
		{
			scenario,
			metric: 'requests at activation',
			target: '= 1',
			measured: String(figures.activationRequests),
			pass: figures.activationRequests === 1,
		},
		...figures.polls.map((poll) => ({
			scenario,
			metric: `requests per poll, ${poll.newDrafts} new`,
			target: `<= ${poll.budget} (whole list: ${figures.wholeListRequests})`,
			measured: `${poll.requests} (${format.ms(poll.ms)})`,
			pass: poll.requests <= poll.budget,
		})),
		{
			scenario,
			metric: 'saved state',
			target: '',
			measured: `${figures.stateBytes} bytes`,
		},
	];
}

/**
 * What a poll costs in a large list: each trigger is activated on a list of `drafts` drafts, then
 * polls after each batch of new drafts. A poll reads back to where the previous one ended, so its
 * requests follow the new drafts (pages of 100), never the size of the list.
 */
export async function pollCost(sandbox: SandboxClient, settings: PollCostSettings): Promise<ScenarioResult> {
	await sandbox.call('setLatency', settings.latencyMs);
	const figures: TriggerFigures[] = [];
	for (const trigger of await triggerCases(sandbox, settings.drafts)) {
		await sandbox.call('takeLog');
		figures.push(await benchTrigger(sandbox, trigger, settings));
	}
	return {
		name: SCENARIO,
		settings: { ...settings },
		figures,
		checks: figures.flatMap((figure) => checksOf(figure, settings.latencyMs)),
	};
}
