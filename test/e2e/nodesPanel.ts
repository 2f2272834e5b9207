import { openWorkflow, type Page } from './browser';

/**
 * The editor's nodes panel ("node creator"), opened the three ways a user opens it, and its
 * search: what a phrase finds, as node types in the order listed.
 */

const SEARCH = '[data-test-id="node-creator-search-bar"]';
const NO_RESULTS = '[data-test-id="node-creator-no-results"]';
/** A search nothing matches: the panel shows "No results for …" with it. */
const NOTHING = 'zq-no-such-node-zq';

/**
 * Forgets what the editor keeps in the browser (local and session storage), as for a user who
 * opens the panel fresh. Without it, the AI Agent's tools panel opened after a long session in the
 * other panels searched like the regular panel in n8n 2.41.1 (listing `hyperRep`, not
 * `hyperRepTool`), which it does not do for a fresh session.
 */
export async function forgetBrowserState(page: Page): Promise<void> {
	// A page not yet at the editor (about:blank) has no storage to clear, and may not touch it.
	await page.evaluate("if (location.protocol.startsWith('http')) { localStorage.clear(); sessionStorage.clear(); }");
}

/** "What happens next?": the + after the last node of a workflow that has a trigger. */
export async function openNextStepPanel(page: Page, url: string, workflowId: string): Promise<void> {
	await openWorkflow(page, url, workflowId);
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	await page.locator(SEARCH).first().waitFor({ timeout: 30_000 });
}

/** "What triggers this workflow?": Add first step on a new workflow. */
export async function openTriggerPanel(page: Page, url: string): Promise<void> {
	await page.goto(`${url}/workflow/new`, { waitUntil: 'networkidle' });
	await page.locator('[data-test-id="canvas-add-button"]').click({ timeout: 60_000 });
	await page.locator(SEARCH).first().waitFor({ timeout: 30_000 });
}

/** "Tools": the + under an AI Agent's Tool input. */
export async function openToolsPanel(page: Page, url: string, workflowId: string, agent: string): Promise<void> {
	await openWorkflow(page, url, workflowId);
	const toolInput = `[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"][data-node-name="${agent}"]`;
	await page.locator(`${toolInput} [data-test-id="canvas-handle-plus"]`).click();
	await page.locator(SEARCH).first().waitFor({ timeout: 30_000 });
}

/**
 * Types a phrase into the open panel's search and returns the node types it lists. It searches
 * for nothing first and waits for that answer to go, so the list read is the phrase's own.
 */
export async function search(page: Page, phrase: string): Promise<string[]> {
	const input = page.locator(SEARCH).first();
	await input.fill(NOTHING);
	await page.locator(`${NO_RESULTS}:has-text("${NOTHING}")`).waitFor({ timeout: 30_000 });
	await input.fill(phrase);
	const nothingShown = `document.querySelector(${JSON.stringify(NO_RESULTS)})?.textContent?.includes(${JSON.stringify(NOTHING)})`;
	await page.waitForFunction(`!${nothingShown}`, undefined, { timeout: 30_000 });
	return await page
		.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-type="node"]')
		.evaluateAll((items) => items.map((item) => (item.getAttribute('data-keyboard-nav-id') ?? '').replace(/-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/, '')));
}
