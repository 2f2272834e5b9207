import axios from 'axios';
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { Sandbox } from '../../sandbox/server';
import { agentry, type ApiBinding, type ApiName, byId, hyperRep, MAX_PAGE_SIZE, type Target } from '../apis';
import { type Measured, measure, median } from '../measure';
import { type Check, format, type ScenarioResult } from '../report';
import type { SandboxClient } from '../sandboxClient';

export interface ReturnAllSettings {
	drafts: number;
	runs: number;
	latencyMs: number;
}

interface ListCase {
	api: ApiName;
	binding: ApiBinding;
	target: Target;
	parameters: INodeParameters;
	/** The query parameter that carries the next page's token. */
	tokenParameter: string;
	readPage(body: unknown): { items: unknown[]; next?: string };
}

const SCENARIO = 'Return All';

async function listCases(sandbox: SandboxClient, drafts: number): Promise<ListCase[]> {
	await sandbox.call('seedHyperRepDrafts', drafts);
	const inboxId = await sandbox.call('addInbox');
	await sandbox.call('seedAgentryDrafts', inboxId, drafts);
	return [
		{
			api: 'Agentry',
			binding: agentry,
			target: { baseUrl: sandbox.url, id: inboxId },
			parameters: { resource: 'draft', operation: 'getAll', inboxId: byId(inboxId), returnAll: true },
			tokenParameter: 'page_token',
			readPage: (body) => {
				const page = body as { drafts: unknown[]; next_page_token?: string };
				return { items: page.drafts, next: page.next_page_token };
			},
		},
		{
			api: 'HyperRep',
			binding: hyperRep,
			target: { baseUrl: sandbox.url, id: Sandbox.HYPERREP_ORG_ID },
			parameters: { resource: 'messageDraft', operation: 'getAll', returnAll: true },
			tokenParameter: 'cursor',
			readPage: (body) => {
				const page = body as { data: unknown[]; pagination: { has_more: boolean; next_cursor: string | null } };
				return { items: page.data, next: page.pagination.has_more ? (page.pagination.next_cursor ?? undefined) : undefined };
			},
		},
	];
}

/** The node with Return All on; resolves to the number of items it output. */
async function nodeList(list: ListCase): Promise<number> {
	const { items, nodeError } = await runNode({
		type: list.binding.nodeType,
		parameters: list.parameters,
		credentials: list.binding.credentials(list.target),
	});
	if (nodeError) throw nodeError;
	return items.length;
}

/** The baseline: plain axios.get with the auth header, following the token at the largest page size. */
async function rawList(list: ListCase): Promise<number> {
	const items: unknown[] = [];
	let token: string | undefined;
	do {
		const { data } = await axios.get(list.binding.draftsUrl(list.target), {
			headers: list.binding.authHeaders(list.target),
			params: { limit: MAX_PAGE_SIZE, [list.tokenParameter]: token },
		});
		const page = list.readPage(data);
		items.push(...page.items);
		token = page.next;
	} while (token);
	return items.length;
}

async function expectItems(expected: number, who: string, run: Promise<Measured<number>>) {
	const measured = await run;
	if (measured.result !== expected) throw new Error(`${SCENARIO}: ${who} returned ${measured.result} items, expected ${expected}`);
	return measured;
}

async function benchList(sandbox: SandboxClient, list: ListCase, settings: ReturnAllSettings) {
	const { drafts, runs } = settings;
	// Warm-up: lazy loading and JIT of both paths.
	await nodeList(list);
	await rawList(list);
	await sandbox.call('takeLog');

	const node: Measured<number>[] = [];
	const raw: Measured<number>[] = [];
	const requests: number[] = [];
	for (let run = 0; run < runs; run++) {
		node.push(await expectItems(drafts, `the ${list.api} node`, measure(() => nodeList(list))));
		requests.push((await sandbox.call('takeLog')).length);
		raw.push(await expectItems(drafts, 'raw axios', measure(() => rawList(list))));
		await sandbox.call('takeLog');
	}
	const nodeMs = median(node.map((m) => m.ms));
	const rawMs = median(raw.map((m) => m.ms));
	console.log(`  ${list.api}: node ${format.ms(nodeMs)}, raw axios ${format.ms(rawMs)} (medians of ${runs})`);
	return {
		api: list.api,
		drafts,
		latencyMs: settings.latencyMs,
		minimumRequests: Math.ceil(drafts / MAX_PAGE_SIZE),
		requestsPerRun: requests,
		nodeMs: node.map((m) => m.ms),
		rawMs: raw.map((m) => m.ms),
		nodeMedianMs: nodeMs,
		rawMedianMs: rawMs,
		ratio: nodeMs / rawMs,
		nodePeakRss: median(node.map((m) => m.peakRss)),
		nodePeakHeapGrowth: median(node.map((m) => m.peakHeap - m.baselineHeap)),
		rawPeakRss: median(raw.map((m) => m.peakRss)),
		rawPeakHeapGrowth: median(raw.map((m) => m.peakHeap - m.baselineHeap)),
	};
}

type ListFigures = Awaited<ReturnType<typeof benchList>>;

function checksOf(figures: ListFigures): Check[] {
	const scenario = `${SCENARIO} ${figures.api} (${figures.drafts.toLocaleString('en-US')}, ${figures.latencyMs} ms latency)`;
	const requests = Math.max(...figures.requestsPerRun);
	return [
		{
			scenario,
			metric: 'requests',
			target: `= ${figures.minimumRequests} (minimum)`,
			measured: String(requests),
			pass: figures.requestsPerRun.every((count) => count === figures.minimumRequests),
		},
		{
			scenario,
			metric: 'wall time vs raw axios',
			target: '<= 1.20x',
			measured: `${format.ratio(figures.ratio)} (${format.ms(figures.nodeMedianMs)} vs ${format.ms(figures.rawMedianMs)})`,
			pass: figures.ratio <= 1.2,
		},
		{
			scenario,
			metric: 'peak RSS (heap+Buffers growth)',
			target: '',
			measured: `${format.mb(figures.nodePeakRss)} (+${format.mb(figures.nodePeakHeapGrowth)}; raw axios +${format.mb(figures.rawPeakHeapGrowth)})`,
		},
	];
}

export async function returnAll(sandbox: SandboxClient, settings: ReturnAllSettings): Promise<ScenarioResult> {
	await sandbox.call('setLatency', settings.latencyMs);
	const figures: ListFigures[] = [];
	for (const list of await listCases(sandbox, settings.drafts)) {
		figures.push(await benchList(sandbox, list, settings));
	}
	return { name: SCENARIO, settings: { ...settings }, figures, checks: figures.flatMap(checksOf) };
}
