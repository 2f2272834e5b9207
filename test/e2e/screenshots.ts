import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { openEditor, openNode, openWorkflow, type Page } from './browser';
import { openNextStepPanel, search } from './nodesPanel';
import { cleanUpOnExit } from './processes';

/**
 * `npm run screenshots`: what a user sees of the nodes in the real editor of the lane's n8n,
 * written to docs/screenshots/ (see browser.ts for what it needs).
 */

const OUTPUT = join(__dirname, '..', '..', 'docs', 'screenshots');

interface Shot {
	file: string;
	what: string;
	show(page: Page, url: string): Promise<void>;
}

const SHOTS: Shot[] = [
	{ file: 'hyperrep-create.png', what: 'HyperRep node panel (Create)', show: (page, url) => openNode(page, url, 'exCrmLeadReview1', 'Draft email for review') },
	{ file: 'agentry-create.png', what: 'Agentry node panel (Create with an attachment)', show: (page, url) => openNode(page, url, 'exQuotePdfSend01', 'Draft with quote attached') },
	{ file: 'agentry-tool.png', what: 'Agentry as an AI Agent tool', show: (page, url) => openNode(page, url, 'exAiAgentDraft01', 'Create Agentry draft') },
	{ file: 'ai-agent-workflow.png', what: 'The AI Agent example on the canvas', show: (page, url) => openWorkflow(page, url, 'exAiAgentDraft01') },
	{
		file: 'hyperrep-trigger.png',
		what: 'HyperRep Trigger node panel (New Message Draft, saved for review only)',
		show: (page, url) => openNode(page, url, 'exDraftReview001', 'New draft saved for review'),
	},
	{
		file: 'agentry-trigger.png',
		what: 'Agentry Trigger node panel (Draft Send Failed)',
		show: (page, url) => openNode(page, url, 'exSendFailed0001', 'Scheduled send failed'),
	},
	{
		file: 'nodes-panel-search.png',
		what: 'The nodes panel searched for "email draft"',
		show: async (page, url) => {
			await openNextStepPanel(page, url, 'exReviewDigest01');
			await search(page, 'email draft');
		},
	},
];

async function main(): Promise<void> {
	cleanUpOnExit();
	const { page, url, stop } = await openEditor((line) => console.log(line));
	try {
		mkdirSync(OUTPUT, { recursive: true });
		for (const shot of SHOTS) {
			await shot.show(page, url);
			// Let the editor's animations (zoom to fit, panel opening) end before the picture.
			await page.waitForTimeout(1500);
			await page.screenshot({ path: join(OUTPUT, shot.file) });
			console.log(`${shot.file}: ${shot.what}`);
		}
	} finally {
		await stop();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
