import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

import type { N8nInstall } from './n8nInstall';
import { freePort, n8nEnvironment, spawnN8n } from './n8nProcess';
import { stopProcess } from './processes';

export const OWNER = { email: 'owner@example.com', firstName: 'Lane', lastName: 'Owner', password: 'Lane-owner-2026' };

export interface ServerOptions {
	/** n8n's port (a free one by default). */
	port?: number;
	/** More of n8n's environment (e.g. N8N_DEV_RELOAD), over the lane's. */
	env?: Record<string, string>;
	/** Everything n8n prints, as it prints it. */
	onOutput?: (text: string) => void;
	timeoutMs?: number;
}

/**
 * `n8n start` on loopback with an owner and a logged-in session, as the editor has: the REST API
 * answers only once an owner exists and the request carries the login cookie. The owner is made
 * when the user folder has none yet.
 */
export class N8nServer {
	private cookie = '';
	private output = '';

	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
		onOutput?: (text: string) => void,
	) {
		const keep = (chunk: Buffer) => {
			this.output = (this.output + chunk.toString()).slice(-20_000);
			onOutput?.(chunk.toString());
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
	}

	static async start(install: N8nInstall, userFolder: string, options: ServerOptions = {}): Promise<N8nServer> {
		const port = options.port ?? (await freePort());
		const brokerPort = await freePort();
		const env = n8nEnvironment(userFolder, { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...options.env });
		const server = new N8nServer(spawnN8n(install, ['start'], env), `http://127.0.0.1:${port}`, options.onOutput);
		try {
			await server.waitUntilReady(options.timeoutMs ?? 240_000);
			await server.signIn();
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	async stop(): Promise<void> {
		await stopProcess(this.child);
	}

	/** The end of what n8n printed, for a failure report. */
	get log(): string {
		return this.output.split('\n').slice(-15).join('\n');
	}

	private async waitUntilReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.child.exitCode !== null) throw new Error(`n8n start exited with code ${this.child.exitCode}:\n${this.log}`);
			const ready = await fetch(`${this.url}/healthz/readiness`).then((response) => response.ok, () => false);
			if (ready) return;
			await sleep(1000);
		}
		throw new Error(`n8n was not ready within ${timeoutMs / 1000} s:\n${this.log}`);
	}

	private async signIn(): Promise<void> {
		const settings = await this.request<{ userManagement: { showSetupOnFirstLoad: boolean } }>('GET', '/rest/settings');
		if (settings.userManagement.showSetupOnFirstLoad) await this.request('POST', '/rest/owner/setup', OWNER);
		await this.request('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		if (!this.cookie) throw new Error('n8n set no login cookie');
	}

	/** A REST call with the session cookie; returns the parsed body (`data` of n8n's envelope). */
	async request<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: { 'Content-Type': 'application/json', ...(this.cookie ? { Cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const auth = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
		const parsed = JSON.parse(text) as { data?: T };
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	/** The session cookie, for a browser on the same origin. */
	get sessionCookie(): { name: string; value: string } {
		const [name, value] = this.cookie.split('=');
		return { name, value };
	}
}
