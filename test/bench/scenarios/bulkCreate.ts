import axios from 'axios';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DEFAULT_MAX_CONCURRENCY } from '../../../nodes/shared/descriptions';
import { runNode } from '../../harness/engine';
import { agentry, type ApiBinding, type ApiName, byId, hyperRep, type Target } from '../apis';
import { measure, median } from '../measure';
import { type Check, format, type ScenarioResult } from '../report';
import type { SandboxClient } from '../sandboxClient';

export interface BulkCreateSettings {
	drafts: number;
	/** Concurrency settings to measure; 1 (sequential) is the base of the speed-ups. */
	concurrencies: number[];
	/** Also measured: the node with default settings, against a raw pool of this many workers. */
	defaultRawConcurrency: number;
	/** Runs of each concurrency but 1, whose (long) sequential run is made once. */
	runs: number;
	latencyMs: number;
}

const SCENARIO = 'Bulk create';
const WARM_UP_DRAFTS = 50;
/** The concurrency whose speed-up over sequential has a target. */
const SPEED_UP_AT = 10;
const SPEED_UP_TARGET = 8;

export interface CreateCase {
	api: ApiName;
	binding: ApiBinding;
	/** An empty organization or inbox, so that every run creates into a place of its own. */
	newTarget(): Promise<Target>;
	/** Create parameters that map the fields of each input item, as a workflow would (no concurrency: the default). */
	parameters(target: Target, concurrency?: number): INodeParameters;
	created(counts: { hyperrep: number; agentry: number }): number;
}

export function createCases(sandbox: SandboxClient): CreateCase[] {
	const subject = '={{ "Quote for " + $json.company }}';
	return [
		{
			api: 'Agentry',
			binding: agentry,
			newTarget: async () => ({ baseUrl: sandbox.url, id: await sandbox.call('addInbox') }),
			parameters: (target, concurrency) => ({
				resource: 'draft',
				operation: 'create',
				inboxId: byId(target.id),
				to: '={{ $json.email }}',
				subject,
				text: 'Hi, here is the quote we discussed.',
				options: optionsOf(concurrency),
			}),
			created: (counts) => counts.agentry,
		},
		{
			api: 'HyperRep',
			binding: hyperRep,
			newTarget: async () => {
				const { organizationId, apiKey } = await sandbox.call('addHyperRepOrganization');
				return { baseUrl: sandbox.url, id: organizationId, apiKey };
			},
			parameters: (_target, concurrency) => ({
				resource: 'messageDraft',
				operation: 'create',
				modality: 'email',
				toName: '={{ $json.name }}',
				toEmail: '={{ $json.email }}',
				subject,
				bodyHtml: '<p>Hi, here is the quote we discussed.</p>',
				options: optionsOf(concurrency),
			}),
			created: (counts) => counts.hyperrep,
		},
	];
}

const optionsOf = (concurrency?: number) => (concurrency === undefined ? {} : { concurrency });

export function leads(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({
		json: { name: `Lead ${i + 1}`, email: `lead${i + 1}@example.com`, company: `Company ${i + 1}` },
	}));
}

/** What is wrong with a node run's output: each output item must come from the input item at its index. */
function outputProblem(items: INodeExecutionData[], expected: number): string | undefined {
	if (items.length !== expected) return `${items.length} output items instead of ${expected}`;
	const misplaced = items.findIndex((item, index) => {
		const paired = item.pairedItem;
		return typeof paired !== 'object' || Array.isArray(paired) || paired.item !== index || !item.json.draft_id;
	});
	return misplaced === -1 ? undefined : `output item ${misplaced} is not the draft of input item ${misplaced}`;
}

/** The baseline: a promise pool of `concurrency` workers posting the bodies with plain axios. */
async function rawCreate(binding: ApiBinding, target: Target, bodies: unknown[], concurrency: number): Promise<void> {
	const url = binding.draftsUrl(target);
	const headers = binding.authHeaders(target);
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) await axios.post(url, bodies[next++], { headers });
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
}

interface Round {
	nodeMs: number;
	rawMs: number;
	problems: string[];
}

/**
 * One node run and one raw run of the same bodies, each into a target of its own; the node with
 * default settings where `concurrency.node` is undefined.
 */
async function round(sandbox: SandboxClient, create: CreateCase, drafts: number, concurrency: { node?: number; raw: number }): Promise<Round> {
	const problems: string[] = [];
	const createdSince = async (before: number, who: string) => {
		const created = create.created(await sandbox.call('createCounts')) - before;
		if (created !== drafts) problems.push(`${who} created ${created} drafts instead of ${drafts}`);
	};

	const nodeTarget = await create.newTarget();
	const nodeBefore = create.created(await sandbox.call('createCounts'));
	const node = await measure(() =>
		runNode({
			type: create.binding.nodeType,
			parameters: create.parameters(nodeTarget, concurrency.node),
			credentials: create.binding.credentials(nodeTarget),
			input: leads(drafts),
		}),
	);
	if (node.result.nodeError) throw node.result.nodeError;
	const problem = outputProblem(node.result.items, drafts);
	if (problem) problems.push(`node: ${problem}`);
	await createdSince(nodeBefore, 'the node');
	const bodies = (await sandbox.call('takeLog')).filter((call) => call.method === 'POST').map((call) => call.body);

	const rawTarget = await create.newTarget();
	const rawBefore = create.created(await sandbox.call('createCounts'));
	const raw = await measure(() => rawCreate(create.binding, rawTarget, bodies, concurrency.raw));
	await createdSince(rawBefore, 'raw axios');
	await sandbox.call('takeLog');
	return { nodeMs: node.ms, rawMs: raw.ms, problems };
}

/** Runs of one concurrency setting; `node: undefined` is the node's default settings. */
async function benchSetting(sandbox: SandboxClient, create: CreateCase, settings: BulkCreateSettings, concurrency: { node?: number; raw: number }) {
	const rounds: Round[] = [];
	const runs = concurrency.node === 1 ? 1 : settings.runs;
	for (let run = 0; run < runs; run++) rounds.push(await round(sandbox, create, settings.drafts, concurrency));
	const nodeMedianMs = median(rounds.map((r) => r.nodeMs));
	const rawMedianMs = median(rounds.map((r) => r.rawMs));
	const label = concurrency.node === undefined ? `default settings (raw axios ${concurrency.raw})` : `concurrency ${concurrency.node}`;
	console.log(`  ${create.api} ${label}: node ${format.ms(nodeMedianMs)}, raw axios ${format.ms(rawMedianMs)} (median of ${runs})`);
	return {
		concurrency: concurrency.node,
		rawConcurrency: concurrency.raw,
		nodeMs: rounds.map((r) => r.nodeMs),
		rawMs: rounds.map((r) => r.rawMs),
		nodeMedianMs,
		rawMedianMs,
		ratio: nodeMedianMs / rawMedianMs,
		/** Each run's node time over the raw time of the same round. */
		pairRatios: rounds.map((r) => r.nodeMs / r.rawMs),
		problems: rounds.flatMap((r) => r.problems),
	};
}

async function benchCreate(sandbox: SandboxClient, create: CreateCase, settings: BulkCreateSettings) {
	await round(sandbox, create, WARM_UP_DRAFTS, { node: 5, raw: 5 });
	const measured = [];
	for (const concurrency of settings.concurrencies) measured.push(await benchSetting(sandbox, create, settings, { node: concurrency, raw: concurrency }));
	measured.push(await benchSetting(sandbox, create, settings, { raw: settings.defaultRawConcurrency }));
	const sequential = measured.find((entry) => entry.concurrency === 1);
	if (!sequential) throw new Error(`${SCENARIO}: the concurrencies must include 1, the base of the speed-ups`);
	return {
		api: create.api,
		drafts: settings.drafts,
		latencyMs: settings.latencyMs,
		runs: measured.reduce((total, entry) => total + entry.nodeMs.length, 0),
		byConcurrency: measured.map((entry) => ({
			...entry,
			speedUp: sequential.nodeMedianMs / entry.nodeMedianMs,
			rawSpeedUp: sequential.rawMedianMs / entry.rawMedianMs,
			/** Each run's speed-up over the (single) sequential run. */
			speedUps: entry.nodeMs.map((ms) => sequential.nodeMedianMs / ms),
		})),
	};
}

/** `min–max` of values formatted as ratios, for the spread of a setting's runs. */
const rangeOf = (values: number[]) =>
	values.length > 1 ? `; runs ${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}x` : '';

type CreateFigures = Awaited<ReturnType<typeof benchCreate>>;

function checksOf(figures: CreateFigures): Check[] {
	const scenario = `${SCENARIO} ${figures.api} (${figures.drafts.toLocaleString('en-US')}, ${figures.latencyMs} ms latency)`;
	const checks: Check[] = figures.byConcurrency.map((entry) => {
		const measured = `${format.ratio(entry.ratio)} (${format.ms(entry.nodeMedianMs)} vs ${format.ms(entry.rawMedianMs)}${rangeOf(entry.pairRatios)})`;
		if (entry.concurrency === undefined) {
			// CPU, not waiting, sets the pace there: a comparison, not a target (docs/performance.md).
			return {
				scenario,
				metric: `default settings (adaptive, Max Concurrency ${DEFAULT_MAX_CONCURRENCY}) vs raw axios with ${entry.rawConcurrency} workers`,
				target: '',
				measured: `${measured}; ${format.ratio(entry.speedUp)} faster than sequential`,
			};
		}
		return { scenario, metric: `concurrency ${entry.concurrency} vs raw axios`, target: '<= 1.20x', measured, pass: entry.ratio <= 1.2 };
	});
	const atTarget = figures.byConcurrency.find((entry) => entry.concurrency === SPEED_UP_AT);
	if (atTarget) {
		checks.push({
			scenario,
			metric: `speed-up over sequential at concurrency ${SPEED_UP_AT}`,
			target: `>= ${SPEED_UP_TARGET}x`,
			measured: `${format.ratio(atTarget.speedUp)} (raw axios ${format.ratio(atTarget.rawSpeedUp)}${rangeOf(atTarget.speedUps)})`,
			pass: atTarget.speedUp >= SPEED_UP_TARGET,
		});
	}
	const problems = figures.byConcurrency.flatMap((entry) => entry.problems);
	checks.push({
		scenario,
		metric: `exactly ${figures.drafts.toLocaleString('en-US')} created, output in input order`,
		target: 'every run',
		measured: problems.length === 0 ? `all ${figures.runs} node and ${figures.runs} raw runs` : problems.join('; '),
		pass: problems.length === 0,
	});
	return checks;
}

export async function bulkCreate(sandbox: SandboxClient, settings: BulkCreateSettings): Promise<ScenarioResult> {
	await sandbox.call('setLatency', settings.latencyMs);
	const figures: CreateFigures[] = [];
	for (const create of createCases(sandbox)) figures.push(await benchCreate(sandbox, create, settings));
	return { name: SCENARIO, settings: { ...settings }, figures, checks: figures.flatMap(checksOf) };
}
