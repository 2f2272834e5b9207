import type { ChildProcess } from 'node:child_process';

import type { N8nInstall } from './n8nInstall';
import { freePort, n8nEnvironment, spawnN8n, waitUntilReady } from './n8nProcess';
import { keepOutput, stopProcess } from './processes';

export const OWNER = { email: 'owner@example.com', firstName: 'Lane', lastName: 'Owner', password: 'Lane-owner-2026' };

export interface ServerOptions {
	/** More of n8n's settings (queue mode's database and Redis, `npm run dev`'s hot reload). */
	extraEnv?: Record<string, string>;
	/** n8n's port (a free one by default). */
	port?: number;
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
	/** The end of what n8n printed, for a failure report. */
	readonly log: () => string;

	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {
		this.log = keepOutput(child);
	}

	static async start(install: N8nInstall, userFolder: string, { extraEnv = {}, port, onOutput, timeoutMs = 240_000 }: ServerOptions = {}): Promise<N8nServer> {
		const [listen, brokerPort] = [port ?? (await freePort()), await freePort()];
		const env = n8nEnvironment(userFolder, { N8N_PORT: String(listen), N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...extraEnv });
		const child = spawnN8n(install, ['start'], env);
		if (onOutput) for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
		const server = new N8nServer(child, `http://127.0.0.1:${listen}`);
		try {
			await waitUntilReady(server.child, 'n8n start', server.url, timeoutMs, server.log);
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
