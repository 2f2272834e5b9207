import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Every process the lane starts, each in a process group of its own (n8n starts task runners),
 * so that one signal ends it with its children: when the lane finishes, fails, or is interrupted.
 */
const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

export function startProcess(command: string, args: string[], options: SpawnOptions): ChildProcess {
	const child = spawn(command, args, { ...options, detached: true });
	running.add(child);
	child.once('exit', () => running.delete(child));
	return child;
}

/** Ends a process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/** Ends a process group at once with SIGKILL, as a crash would (no clean-up of its own), and waits for it to be gone. */
export async function killProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	killGroup(child, 'SIGKILL');
	await exited;
}

/** Waits until `probe` says a started process is ready, once a second; fails when the process exits or `timeoutMs` passes. */
export async function waitUntil(child: ChildProcess, what: string, probe: () => Promise<boolean>, timeoutMs: number, log: () => string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
		if (await probe()) return;
		await sleep(1000);
	}
	throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${log()}`);
}

/** The last lines a process printed (stdout and stderr), for a failure report. */
export function keepOutput(child: ChildProcess, lines = 15): () => string {
	let output = '';
	const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	return () => output.split('\n').slice(-lines).join('\n');
}

/**
 * Kills whatever is left at exit, and turns Ctrl-C into a clean stop: `stop` (when given) ends
 * the processes gently and the command exits with 0; a second Ctrl-C, or none given, exits at once
 * with 130, killing them.
 */
export function cleanUpOnExit(stop?: () => Promise<void>): void {
	process.on('exit', () => {
		for (const child of running) killGroup(child, 'SIGKILL');
	});
	let stopping = false;
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.on(signal, () => {
			console.error(`\n${signal}: stopping every process this command started`);
			if (!stop || stopping) process.exit(130);
			stopping = true;
			stop().then(
				() => process.exit(0),
				() => process.exit(130),
			);
		});
	}
}
