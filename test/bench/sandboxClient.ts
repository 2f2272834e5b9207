import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

import type { CommandMessage, ReplyMessage, SandboxCommands } from './sandboxProcess';

type Command = keyof SandboxCommands;

/**
 * How a child process runs TypeScript source as `npm run bench` does (`ts-node --transpile-only
 * --prefer-ts-exts`): `.ts` before `.json`, so that `HyperRep.node` is the class, not its codex.
 */
export const TS_CHILD = {
	execArgv: ['-r', 'ts-node/register/transpile-only'],
	env: { ...process.env, TS_NODE_PREFER_TS_EXTS: 'true' },
};

/** The bench's handle on the sandbox running in `sandboxProcess.ts`. */
export class SandboxClient {
	private nextId = 0;
	private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {
		child.on('message', (message: ReplyMessage) => {
			if ('ready' in message) return;
			const call = this.pending.get(message.id);
			this.pending.delete(message.id);
			if (message.error !== undefined) call?.reject(new Error(`Sandbox: ${message.error}`));
			else call?.resolve(message.result);
		});
		child.on('exit', (code) => {
			for (const call of this.pending.values()) call.reject(new Error(`The sandbox process exited with code ${code}`));
			this.pending.clear();
		});
	}

	static async start(): Promise<SandboxClient> {
		const child = fork(join(__dirname, 'sandboxProcess.ts'), [], TS_CHILD);
		const url = await new Promise<string>((resolve, reject) => {
			child.once('message', (message: ReplyMessage) => {
				if ('ready' in message) resolve(message.url);
			});
			child.once('exit', (code) => reject(new Error(`The sandbox process exited with code ${code}`)));
		});
		return new SandboxClient(child, url);
	}

	call<K extends Command>(name: K, ...args: Parameters<SandboxCommands[K]>): Promise<ReturnType<SandboxCommands[K]>> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			const message: CommandMessage = { id, name, args };
			this.child.send(message);
		});
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.disconnect();
		await exited;
	}
}
