import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { seedDemo } from '../sandbox/seed';
import { Sandbox } from '../sandbox/server';
import { ScriptedChatModel } from './chatModel';
import { installCommunityPackage, pack } from './communityPackage';
import { ensureN8n } from './n8nInstall';
import { N8nServer } from './n8nServer';
import { cleanUpOnExit } from './processes';
import { importInto } from './userFolder';
import { readExamples } from './workflow';

/**
 * `npm run screenshots`: what a user sees of the nodes in the real editor of the lane's n8n,
 * written to docs/screenshots/. Needs Debian's Chromium (`apt-get install chromium`); the
 * browser is driven by playwright-core from the lane's own install, without a browser download.
 */

const OUTPUT = join(__dirname, '..', '..', 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Headless as root on a closed network: no sandbox, no GPU, no background connections.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The little of playwright-core used here (it is installed with the lane's n8n, not in the repository). */
interface Locator {
	first(): Locator;
	click(options?: { timeout?: number }): Promise<void>;
	dblclick(options?: { timeout?: number }): Promise<void>;
	fill(text: string): Promise<void>;
	waitFor(options?: { timeout?: number }): Promise<void>;
}
interface Page {
	goto(url: string, options?: { waitUntil?: 'load' | 'networkidle' }): Promise<unknown>;
	locator(selector: string): Locator;
	keyboard: { press(key: string): Promise<void> };
	waitForTimeout(ms: number): Promise<void>;
	screenshot(options: { path: string }): Promise<unknown>;
}
interface Browser {
	newContext(options: object): Promise<{ addCookies(cookies: object[]): Promise<void>; newPage(): Promise<Page> }>;
	close(): Promise<void>;
}
type Playwright = { chromium: { launch(options: object): Promise<Browser> } };

interface Shot {
	file: string;
	what: string;
	show(page: Page, url: string): Promise<void>;
}

const canvasNode = (name: string) => `[data-test-id="canvas-node"][data-node-name="${name}"]`;

async function openWorkflow(page: Page, url: string, id: string): Promise<void> {
	await page.goto(`${url}/workflow/${id}`, { waitUntil: 'networkidle' });
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
	// "1" is the editor's zoom to fit.
	await page.keyboard.press('1');
	await page.waitForTimeout(1000);
}

async function openNode(page: Page, url: string, id: string, node: string): Promise<void> {
	await openWorkflow(page, url, id);
	await page.locator(canvasNode(node)).dblclick();
	await page.locator('[data-test-id="ndv"]').waitFor({ timeout: 30_000 });
	await page.waitForTimeout(1500);
}

const SHOTS: Shot[] = [
	{ file: 'hyperrep-create.png', what: 'HyperRep node panel (Create)', show: (page, url) => openNode(page, url, 'exCrmLeadReview1', 'Draft email for review') },
	{ file: 'agentry-create.png', what: 'Agentry node panel (Create with an attachment)', show: (page, url) => openNode(page, url, 'exQuotePdfSend01', 'Draft with quote attached') },
	{ file: 'agentry-tool.png', what: 'Agentry as an AI Agent tool', show: (page, url) => openNode(page, url, 'exAiAgentDraft01', 'Create Agentry draft') },
	{ file: 'ai-agent-workflow.png', what: 'The AI Agent example on the canvas', show: (page, url) => openWorkflow(page, url, 'exAiAgentDraft01') },
	{
		file: 'nodes-panel-search.png',
		what: 'The nodes panel searched for "draft"',
		show: async (page, url) => {
			await openWorkflow(page, url, 'exReviewDigest01');
			await page.locator('[data-test-id="node-creator-plus-button"]').click();
			await page.locator('[data-test-id="node-creator-search-bar"]').first().fill('draft');
			await page.waitForTimeout(1500);
		},
	},
];

async function main(): Promise<void> {
	cleanUpOnExit();
	const install = ensureN8n((line) => console.log(line));
	const work = mkdtempSync(join(tmpdir(), 'n8n-nodes-hyperrep-agentry-screenshots-'));
	process.on('exit', () => rmSync(work, { recursive: true, force: true }));
	const userFolder = join(work, 'user');
	installCommunityPackage(userFolder, pack(work));
	const sandbox = await Sandbox.start();
	seedDemo(sandbox);
	const chatModel = await ScriptedChatModel.start();
	await importInto(install, userFolder, { sandbox, chatModel }, readExamples());
	const server = await N8nServer.start(install, userFolder);
	const { chromium } = require(join(install.root, 'node_modules', 'playwright-core')) as Playwright;
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
		await context.addCookies([{ ...server.sessionCookie, url: server.url }]);
		const page = await context.newPage();
		mkdirSync(OUTPUT, { recursive: true });
		for (const shot of SHOTS) {
			await shot.show(page, server.url);
			await page.screenshot({ path: join(OUTPUT, shot.file) });
			console.log(`${shot.file}: ${shot.what}`);
		}
	} finally {
		await browser.close();
		await server.stop();
		await chatModel.stop();
		await sandbox.stop();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
