import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

import type { N8nInstall } from './n8nInstall';
import { startProcess, stopProcess, waitUntil } from './processes';

/**
 * How the lane runs n8n: Node 24, a user folder of its own, loopback only, nothing reported home.
 * The server zone (TZ) differs from any workflow's, so that a date read in the wrong zone shows.
 */
export const SERVER_TIME_ZONE = 'America/Los_Angeles';

export function n8nEnvironment(userFolder: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: userFolder,
		TZ: SERVER_TIME_ZONE,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		...extra,
	};
}

/** A port that was free a moment ago, for n8n's listeners (the task broker needs one per process). */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise((resolve) => server.close(resolve));
	if (typeof address !== 'object' || !address) throw new Error('No free port');
	return address.port;
}

export interface Finished {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs an n8n command to its end (at most `timeoutMs`), collecting what it prints. */
export async function runN8n(install: N8nInstall, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<Finished> {
	const child = spawnN8n(install, args, env);
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const timer = setTimeout(() => void stopProcess(child, 1000), timeoutMs);
	const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
	clearTimeout(timer);
	return { code, stdout, stderr };
}

export function spawnN8n(install: N8nInstall, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
	return startProcess(install.node, [install.n8n, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Waits until an n8n process answers `<url>/healthz/readiness` (its database and, in queue mode, Redis are up). */
export async function waitUntilReady(child: ChildProcess, what: string, url: string, timeoutMs: number, log: () => string): Promise<void> {
	const ready = () => fetch(`${url}/healthz/readiness`).then((response) => response.ok, () => false);
	await waitUntil(child, what, ready, timeoutMs, log);
}
