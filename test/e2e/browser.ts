import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { seedDemo } from '../sandbox/seed';
import { Sandbox } from '../sandbox/server';
import { ScriptedChatModel } from './chatModel';
import { installCommunityPackage, pack } from './communityPackage';
import { ensureN8n, type N8nInstall } from './n8nInstall';
import { N8nServer } from './n8nServer';
import { importInto } from './userFolder';
import { readExamples, type WorkflowJson } from './workflow';

/**
 * The real editor in a browser: `n8n start` of the lane's n8n with the package, the examples and
 * the sandbox, and Debian's Chromium (`apt-get install chromium`) driven by playwright-core from
 * the lane's own install, without a browser download. For `npm run screenshots` and
 * `npm run test:editor`.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Headless as root on a closed network: no sandbox, no GPU, no background connections.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The little of playwright-core used here (it is installed with the lane's n8n, not in the repository). */
/** An element, as a function run in the page sees it (the DOM's types are not in this project's lib). */
export interface PageElement {
	getAttribute(name: string): string | null;
	querySelector(selector: string): PageElement | null;
	readonly innerText: string;
	/** An input's value. */
	readonly value?: string;
}
export interface Locator {
	first(): Locator;
	click(options?: { timeout?: number }): Promise<void>;
	dblclick(options?: { timeout?: number }): Promise<void>;
	fill(text: string): Promise<void>;
	waitFor(options?: { timeout?: number }): Promise<void>;
	/** Runs in the page, on the matching elements. */
	evaluateAll<R>(script: (elements: PageElement[]) => R): Promise<R>;
}
export interface Page {
	goto(url: string, options?: { waitUntil?: 'load' | 'networkidle' }): Promise<unknown>;
	locator(selector: string): Locator;
	keyboard: { press(key: string): Promise<void> };
	waitForTimeout(ms: number): Promise<void>;
	waitForLoadState(state: 'networkidle'): Promise<void>;
	/** Waits until a JavaScript expression, evaluated in the page, is truthy. */
	waitForFunction(expression: string, arg?: unknown, options?: { timeout?: number }): Promise<unknown>;
	screenshot(options: { path: string }): Promise<unknown>;
	/** Evaluates a JavaScript expression in the page. */
	evaluate(expression: string): Promise<unknown>;
}
interface Context {
	addCookies(cookies: object[]): Promise<void>;
	newPage(): Promise<Page>;
}
interface Browser {
	newContext(options: object): Promise<Context>;
	close(): Promise<void>;
}
type Playwright = { chromium: { launch(options: object): Promise<Browser> } };

export interface EditorSession {
	install: N8nInstall;
	sandbox: Sandbox;
	url: string;
	page: Page;
	stop(): Promise<void>;
}

/** Debian's Chromium, headless, driven by the lane's playwright-core; a page of the given size. */
export async function launchChromium(install: N8nInstall): Promise<{ browser: Browser; context: Context }> {
	if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
	const { chromium } = require(join(install.root, 'node_modules', 'playwright-core')) as Playwright;
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
	return { browser, context: await browser.newContext({ viewport: { width: 1440, height: 1100 } }) };
}

/** Starts everything with these workflows imported (the examples by default), logged in as the owner; `stop()` ends it all. */
export async function openEditor(log: (line: string) => void, workflows: WorkflowJson[] = readExamples()): Promise<EditorSession> {
	const install = ensureN8n(log);
	const work = mkdtempSync(join(tmpdir(), 'n8n-nodes-hyperrep-agentry-editor-'));
	process.on('exit', () => rmSync(work, { recursive: true, force: true }));
	const userFolder = join(work, 'user');
	installCommunityPackage(userFolder, pack(work));
	const sandbox = await Sandbox.start();
	seedDemo(sandbox);
	const chatModel = await ScriptedChatModel.start();
	await importInto(install, userFolder, { sandbox, chatModel }, workflows);
	const server = await N8nServer.start(install, userFolder);
	const { browser, context } = await launchChromium(install);
	await context.addCookies([{ ...server.sessionCookie, url: server.url }]);
	const page = await context.newPage();
	return {
		install,
		sandbox,
		url: server.url,
		page,
		stop: async () => {
			await browser.close();
			await server.stop();
			await chatModel.stop();
			await sandbox.stop();
		},
	};
}

export const canvasNode = (name: string) => `[data-test-id="canvas-node"][data-node-name="${name}"]`;

export async function openWorkflow(page: Page, url: string, id: string): Promise<void> {
	await page.goto(`${url}/workflow/${id}`, { waitUntil: 'networkidle' });
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
	// "1" is the editor's zoom to fit.
	await page.keyboard.press('1');
}

/** Opens a node's panel (NDV) and waits until what it loads (pickers, list options) has answered. */
export async function openNode(page: Page, url: string, id: string, node: string): Promise<void> {
	await openWorkflow(page, url, id);
	await page.locator(canvasNode(node)).dblclick();
	await page.locator('[data-test-id="ndv"]').waitFor({ timeout: 30_000 });
	await page.waitForLoadState('networkidle');
}
