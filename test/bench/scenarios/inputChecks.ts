import { performance } from 'node:perf_hooks';
import type { INode } from 'n8n-workflow';

import { describeErrorBody } from '../../../nodes/shared/errors';
import { htmlToText } from '../../../nodes/shared/output';
import { InputCheck, MAX_BODY_LENGTH, normalizeAddress } from '../../../nodes/shared/validation';
import { MB, median } from '../measure';
import { type Check, format, type ScenarioResult } from '../report';

export interface InputChecksSettings {
	/** Runs of each check; the median counts. */
	runs: number;
}

const SCENARIO = 'Input checks';
/**
 * Linear, and cheap enough that the 16 MB n8n accepts in a request by default (N8N_PAYLOAD_SIZE_MAX)
 * holds its event loop for seconds at worst, not the hours a quadratic check took. A megabyte of
 * addresses is 50,000 of them, each parsed; a megabyte of commas a million empty labels.
 */
const TARGET_MS_PER_MB = 500;

const NODE: INode = { id: '1', name: 'Bench', type: 'bench', typeVersion: 1, position: [0, 0], parameters: {} };
const check = () => new InputCheck(NODE, 0, 'UTC');

/** Each check with the megabyte that is worst for it; a refusal is as much an outcome as a value. */
const CASES: Array<{ name: string; input: string; run: (input: string) => unknown }> = [
	{ name: 'address normalization, "a" + spaces + "b"', input: `a${' '.repeat(MB - 22)}b <j@example.com>`, run: normalizeAddress },
	{ name: 'address list (To), 1 MB of addresses', input: 'Jo <j@example.com>, '.repeat(MB / 20), run: (input) => check().addresses(input, 'To') },
	{ name: 'email list (CC), 1 MB of addresses', input: 'j@example.com, '.repeat(MB / 15), run: (input) => check().emails(input, 'CC') },
	{ name: 'email, domain labels ending in "-"', input: `a@${'a.'.repeat(MB / 2 - 2)}-`, run: normalizeAddress },
	{ name: 'single line (URL), control character at the end', input: `${'x'.repeat(MB - 1)}\n`, run: (input) => check().line(input, 'URL', MAX_BODY_LENGTH) },
	{ name: 'URL', input: `https://example.com/${'a'.repeat(MB - 20)}`, run: (input) => check().httpUrl(input, 'URL') },
	{ name: 'labels, 1 MB of commas', input: ','.repeat(MB), run: (input) => check().stringList(input, 'Labels') },
	{ name: 'whole number, 1 MB of digits', input: '9'.repeat(MB), run: (input) => check().integer(input, 'Limit', 1, Number.MAX_SAFE_INTEGER) },
	{ name: 'HTML preview, unclosed <script tags', input: '<script'.repeat(MB / 7), run: htmlToText },
	{ name: 'error page, unclosed <title tags', input: '<title'.repeat(MB / 6), run: (input) => describeErrorBody(input) },
];

/** The address pattern the nodes used before: quadratic in a run of spaces. */
const OLD_ADDRESS = /^([\s\S]*?)\s*<\s*([^<>\s]+)\s*>$/;
const OLD_SPACES = [10_000, 20_000, 40_000];

function timeMs(run: () => unknown): number {
	const started = performance.now();
	try {
		run();
	} catch {
		// A refusal is the outcome of a hostile value; its cost is what counts.
	}
	return performance.now() - started;
}

/**
 * What a megabyte of the worst input costs each check of user input (and of the text servers send
 * back), per MB, and what the old address pattern cost on a run of spaces, which grows with its
 * square: the figure the lint's super-linear rules now keep from coming back.
 */
export function inputChecks(settings: InputChecksSettings): ScenarioResult {
	const figures = CASES.map(({ name, input, run }) => {
		const ms = median(Array.from({ length: settings.runs }, () => timeMs(() => run(input))));
		return { name, bytes: input.length, ms, msPerMb: ms / (input.length / MB) };
	});
	const old = OLD_SPACES.map((spaces) => ({ spaces, ms: timeMs(() => OLD_ADDRESS.exec(`a${' '.repeat(spaces)}b`)) }));
	const perMbOfOld = (old.at(-1)?.ms ?? 0) * (MB / OLD_SPACES[OLD_SPACES.length - 1]) ** 2;
	const checks: Check[] = figures.map((figure) => ({
		scenario: SCENARIO,
		metric: `${figure.name}, per MB`,
		target: `< ${TARGET_MS_PER_MB} ms`,
		measured: format.ms(figure.msPerMb),
		pass: figure.msPerMb < TARGET_MS_PER_MB,
	}));
	checks.push({
		scenario: SCENARIO,
		metric: 'old address pattern (before), "a" + N spaces + "b"',
		target: '',
		measured: `${old.map(({ spaces, ms }) => `${spaces / 1000}k: ${format.ms(ms)}`).join(', ')}; 1 MB ≈ ${(perMbOfOld / 60_000).toFixed(0)} min`,
	});
	return { name: SCENARIO, settings: { ...settings }, figures: { checks: figures, oldAddressPattern: old }, checks };
}
