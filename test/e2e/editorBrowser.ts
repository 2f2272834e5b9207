import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { openEditor, openNode, type Page } from './browser';
import { checkDevCommand } from './devCommand';
import { forgetBrowserState, openNextStepPanel, openToolsPanel, openTriggerPanel, search } from './nodesPanel';
import { cleanUpOnExit } from './processes';
import { Report } from './report';
import { SCENARIOS } from './scenarios';
import { PACKAGE, readExamples, type WorkflowJson } from './workflow';

/**
 * `npm run test:editor`: what only the real editor shows, in a browser (Debian's Chromium).
 * Found by search: every alias in the nodes' codex files (`nodes/<Node>/<Node>.node.json`) is
 * typed into the nodes panel (as the next step, and as a new workflow's trigger) and into an AI
 * Agent's tools panel, and must list the node(s) whose codex has it. No red field: every node of
 * the package in the examples and the lane's own workflows opens in the node panel with nothing
 * flagged. Then `npm run dev` (devCommand.ts): it starts, an example runs from the editor, Ctrl-C stops it.
 * Ends with `N passed, M failed`.
 */

const NODES = join(__dirname, '..', '..', 'nodes');

/**
 * n8n shows "X Trigger" in the panel as part of "X" (one entry, with the trigger's description)
 * and searches that entry by X's codex only (editor-ui `useActionsGeneration.ts`,
 * `generateMergedNodesAndActions`): a trigger's phrases work only when X's codex has them too. So
 * every alias of a trigger is expected to find its action node's entry.
 */

interface Codex {
	node: string;
	alias?: string[];
}

interface Expected {
	/** The panel entries (the action node's type; a trigger is shown as part of it) whose codex lists the alias. */
	entries: Set<string>;
	/** The action nodes whose own codex lists it: their …Tool variants are the tools to find. */
	actions: Set<string>;
}

function aliases(): Map<string, Expected> {
	const found = new Map<string, Expected>();
	for (const folder of readdirSync(NODES)) {
		if (!readdirSync(join(NODES, folder)).includes(`${folder}.node.json`)) continue;
		const codex = JSON.parse(readFileSync(join(NODES, folder, `${folder}.node.json`), 'utf8')) as Codex;
		const entry = codex.node.replace(/Trigger$/, '');
		for (const alias of codex.alias ?? []) {
			const expected = found.get(alias) ?? { entries: new Set<string>(), actions: new Set<string>() };
			expected.entries.add(entry);
			if (entry === codex.node) expected.actions.add(entry);
			found.set(alias, expected);
		}
	}
	return found;
}

const short = (type: string) => type.replace(`${PACKAGE}.`, '');
const describe = (types: string[]) => (types.length ? types.map(short).join(', ') : 'nothing');

async function checkSearch(report: Report, page: Page, url: string): Promise<string[]> {
	const table: string[] = [];
	const panels = [
		{ title: 'Nodes panel, next step ("What happens next?")', open: () => openNextStepPanel(page, url, 'exReviewDigest01'), tools: false },
		{ title: 'Nodes panel, first step ("What triggers this workflow?")', open: () => openTriggerPanel(page, url), tools: false },
		{ title: 'AI Agent tools panel ("Tools")', open: () => openToolsPanel(page, url, 'exAiAgentDraft01', 'AI Agent'), tools: true },
	];
	for (const panel of panels) {
		report.section(panel.title);
		await forgetBrowserState(page);
		await panel.open();
		for (const [phrase, { entries, actions }] of aliases()) {
			const expected = panel.tools ? [...actions].map((type) => `${type}Tool`) : [...entries];
			if (expected.length === 0) continue;
			const listed = await search(page, phrase);
			const ours = listed.filter((type) => type.startsWith(`${PACKAGE}.`));
			const where = ours.map((type) => `${short(type)} ${listed.indexOf(type) + 1}/${listed.length}`).join(', ');
			table.push(`${panel.title.split(' (')[0]} | "${phrase}" | ${where || `nothing of ours (${listed.length} listed)`}`);
			await report.check(`"${phrase}" finds ${describe(expected)}`, () =>
				assert.deepEqual(expected.filter((type) => !ours.includes(type)).map(short), [], `listed: ${describe(listed)}`),
			);
		}
	}
	return table;
}

/**
 * What the node panel flags: parameter issues (the red fields), "not supported" values, and
 * resource locators whose mode it cannot show ("Mode...": a value saved in a shape the parameter
 * no longer has, e.g. a plain string for a picker).
 */
async function flagged(page: Page): Promise<string[]> {
	const issues = await page
		.locator('[data-test-id="ndv"] [data-test-id="parameter-item"]')
		.evaluateAll((items) => items.filter((item) => item.querySelector('[data-test-id="parameter-issues"]')).map((item) => item.innerText.split('\n')[0]));
	const text = await page.locator('[data-test-id="ndv"]').evaluateAll((panels) => panels.map((panel) => panel.innerText).join('\n'));
	const unsupported = text.split('\n').filter((line) => /not supported/i.test(line));
	const modeless = await page
		.locator('[data-test-id="ndv"] [data-test-id^="resource-locator-"]')
		.evaluateAll((pickers) =>
			pickers.filter((picker) => picker.querySelector('[data-test-id="rlc-mode-selector"] input')?.value === '').map((picker) => picker.getAttribute('data-test-id') ?? ''),
		);
	return [
		...issues.map((name) => `${name}: flagged`),
		...unsupported,
		...modeless.map((id) => `${id.replace('resource-locator-', '')}: a picker without a mode ("Mode...")`),
	];
}

async function checkNodePanels(report: Report, page: Page, url: string, workflows: WorkflowJson[]): Promise<void> {
	report.section('Node panels: every node of the package in the examples and the lane’s workflows, no field flagged');
	for (const workflow of workflows) {
		for (const node of workflow.nodes.filter((entry) => entry.type.startsWith(`${PACKAGE}.`))) {
			await report.check(`${workflow.name}: ${node.name} (${short(node.type)})`, async () => {
				await openNode(page, url, workflow.id, node.name);
				assert.deepEqual(await flagged(page), []);
			});
		}
	}
}

async function main(): Promise<void> {
	cleanUpOnExit();
	const report = new Report();
	const startedAt = Date.now();
	report.section('Setup');
	const all = [...readExamples(), ...SCENARIOS.map((scenario) => scenario.workflow)];
	const workflows = all.filter((workflow, index) => all.findIndex((other) => other.id === workflow.id) === index);
	const { install, page, url, stop } = await openEditor((line) => report.note(line), workflows);
	report.note(`n8n start and Chromium ready: ${Math.round((Date.now() - startedAt) / 1000)} s`);
	let table: string[] = [];
	try {
		table = await checkSearch(report, page, url);
		await checkNodePanels(report, page, url, workflows);
	} finally {
		await stop();
	}
	await checkDevCommand(report, install);
	report.section('What each phrase finds (ours, at position / of all listed)');
	for (const line of table) report.note(line);
	report.note(`Took ${Math.round((Date.now() - startedAt) / 1000)} s.`);
	process.exitCode = report.finish() > 0 ? 1 : 0;
}

main().then(
	() => process.exit(),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
