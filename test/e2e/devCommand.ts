import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { Sandbox } from '../sandbox/server';
import { launchChromium, openWorkflow } from './browser';
import type { N8nInstall } from './n8nInstall';
import { freePort } from './n8nProcess';
import { startProcess, stopProcess } from './processes';
import type { Report } from './report';

/**
 * `npm run dev` as a contributor uses it: started on free ports with a fresh state folder, its
 * printed login typed into the editor's sign-in page, the CRM example executed from the editor
 * and its draft read back from the sandbox's API, a change under nodes/ reloaded by n8n, then
 * Ctrl-C (SIGINT to its process group, as a terminal sends it) stops everything.
 */

const ROOT = join(__dirname, '..', '..');
const CRM_EXAMPLE = 'exCrmLeadReview1';
const CRM_LEAD_EMAIL = 'diana@themyscira.example';

class DevCommand {
	output = '';
	private readonly child: ChildProcess;

	constructor(env: NodeJS.ProcessEnv) {
		this.child = startProcess('npm', ['run', 'dev', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const keep = (chunk: Buffer) => (this.output += chunk.toString());
		this.child.stdout?.on('data', keep);
		this.child.stderr?.on('data', keep);
	}

	/** Waits until the output matches, the command exits, or the deadline passes. */
	async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = pattern.exec(this.output);
			if (found) return found;
			if (this.child.exitCode !== null) throw new Error(`npm run dev exited (${this.child.exitCode}):\n${this.tail}`);
			if (Date.now() > deadline) throw new Error(`npm run dev printed no ${pattern} within ${timeoutMs / 1000} s:\n${this.tail}`);
			await sleep(250);
		}
	}

	get tail(): string {
		return this.output.split('\n').slice(-20).join('\n');
	}

	/**
	 * Ctrl-C: SIGINT to the whole process group (npm, ts-node), as a terminal sends it; resolves
	 * once npm has ended (npm ends itself with the signal it got, whatever the script's code).
	 */
	async interrupt(timeoutMs = 60_000): Promise<void> {
		const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		if (this.child.pid !== undefined) process.kill(-this.child.pid, 'SIGINT');
		const timer = setTimeout(() => void stopProcess(this.child, 0), timeoutMs);
		await exited;
		clearTimeout(timer);
	}

	async stop(): Promise<void> {
		await stopProcess(this.child);
	}
}

/** The processes whose command line or environment names `path` (n8n, tsc and gulp of a dev run name its state folder). */
function processesNaming(path: string): string[] {
	const found: string[] = [];
	for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
		try {
			const seen = ['cmdline', 'environ'].map((file) => readFileSync(join('/proc', pid, file), 'utf8')).join('\0');
			if (seen.includes(path)) found.push(`${pid}: ${readFileSync(join('/proc', pid, 'cmdline'), 'utf8').replace(/\0/g, ' ').slice(0, 120)}`);
		} catch {
			// Gone meanwhile, or not ours to read.
		}
	}
	return found;
}

async function refused(url: string): Promise<boolean> {
	return await fetch(url).then(
		() => false,
		() => true,
	);
}

/** The HyperRep drafts the sandbox holds for a recipient, read through its API as any client would. */
async function draftsFor(sandboxUrl: string, email: string): Promise<Array<Record<string, unknown>>> {
	const response = await fetch(`${sandboxUrl}/api/v2/organizations/${Sandbox.HYPERREP_ORG_ID}/message-drafts?limit=100`, {
		headers: { 'X-API-KEY': Sandbox.HYPERREP_API_KEY },
	});
	const { data } = (await response.json()) as { data: Array<Record<string, unknown>> };
	return data.filter((draft) => draft.recipient_email === email);
}

export async function checkDevCommand(report: Report, install: N8nInstall): Promise<void> {
	report.section('npm run dev: started, signed in with what it prints, an example run from the editor, Ctrl-C');
	const state = mkdtempSync(join(tmpdir(), 'n8n-nodes-hyperrep-agentry-dev-'));
	const dev = new DevCommand({ ...process.env, DEV_FOLDER: state, N8N_PORT: String(await freePort()), SANDBOX_PORT: String(await freePort()) });
	const { browser, context } = await launchChromium(install);
	let editor = '';
	let sandbox = '';
	try {
		await report.check('it prints the editor’s address, a login and the sandbox’s address once n8n is ready', async () => {
			const started = Date.now();
			await dev.waitFor(/Ctrl-C stops everything/, 600_000);
			editor = (await dev.waitFor(/Editor: +(\S+)/, 0))[1];
			sandbox = (await dev.waitFor(/Sandbox: +(\S+)/, 0))[1];
			report.note(`ready after ${Math.round((Date.now() - started) / 1000)} s`);
		});
		const page = await context.newPage();
		await report.check('the printed login signs in on the editor’s sign-in page', async () => {
			const [, email, password] = await dev.waitFor(/Login: +(\S+) \/ (\S+)/, 0);
			await page.goto(`${editor}/signin`, { waitUntil: 'networkidle' });
			await page.locator('input[type="email"]').fill(email);
			await page.locator('input[type="password"]').fill(password);
			await page.locator('[data-test-id="form-submit-button"]').click();
			await page.waitForFunction('!location.pathname.startsWith("/signin")', undefined, { timeout: 60_000 });
		});
		await report.check('the CRM example, executed from the editor, leaves its draft in the sandbox', async () => {
			assert.deepEqual(await draftsFor(sandbox, CRM_LEAD_EMAIL), [], 'the demo seed has no draft for the example’s lead');
			await openWorkflow(page, editor, CRM_EXAMPLE);
			await page.locator('[data-test-id="execute-workflow-button"]').click();
			const deadline = Date.now() + 120_000;
			while ((await draftsFor(sandbox, CRM_LEAD_EMAIL)).length === 0 && Date.now() < deadline) await sleep(500);
			const drafts = await draftsFor(sandbox, CRM_LEAD_EMAIL);
			assert.equal(drafts.length, 1, 'one draft for the lead');
			assert.equal(drafts[0].folder, 'sales-follow-up');
		});
		await report.check('a change under nodes/ reaches n8n: it reloads the package', async () => {
			const reloads = () => dev.output.split('Hot reload triggered for n8n-nodes-hyperrep-agentry').length;
			const before = reloads();
			// A new modification time on a codex file: gulp copies the assets anew, n8n's watcher sees them.
			const codex = join(ROOT, 'nodes', 'HyperRep', 'HyperRep.node.json');
			const now = new Date();
			utimesSync(codex, now, now);
			const deadline = Date.now() + 120_000;
			while (reloads() === before && Date.now() < deadline) await sleep(500);
			assert.ok(reloads() > before, `no reload after touching ${codex}:\n${dev.tail}`);
		});
	} finally {
		await browser.close();
		await report.check('Ctrl-C stops n8n, the sandbox and the watchers, leaving no process of the run', async () => {
			await dev.interrupt();
			assert.match(dev.output, /Stopped n8n, the sandbox and the watchers\./, dev.tail);
			if (editor) assert.ok(await refused(editor), `n8n still answers at ${editor}`);
			if (sandbox) assert.ok(await refused(sandbox), `the sandbox still answers at ${sandbox}`);
			assert.deepEqual(processesNaming(state), [], 'processes of the dev run still running');
		});
		await dev.stop();
		rmSync(state, { recursive: true, force: true });
	}
}
