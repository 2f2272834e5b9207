import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../n8nProcess';
import { keepOutput, startProcess, stopProcess, waitUntil } from '../processes';

/**
 * Queue mode's services, from Debian's packages: Redis (`redis-server`) and PostgreSQL
 * (`postgresql`), installed with apt-get when missing (which needs root), each started on a free
 * loopback port with its data in a temporary folder, and stopped by the lane; processes.ts kills
 * what is left when the lane fails or is interrupted.
 */

export const DEBIAN_PACKAGES = 'redis-server postgresql';
const STARTUP_MS = 60_000;

export interface Binaries {
	redisServer: string;
	/** The folder of PostgreSQL's server programs: initdb, postgres, pg_isready. */
	postgresBin: string;
}

export interface Service {
	port: number;
	stop(): Promise<void>;
}

function onPath(command: string): string | undefined {
	const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Debian keeps PostgreSQL's server programs off the PATH, in /usr/lib/postgresql/<major>/bin: the newest major's. */
function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root).filter((entry) => /^\d+$/.test(entry)).sort((a, b) => Number(b) - Number(a));
	return majors.map((major) => join(root, major, 'bin')).find((bin) => ['initdb', 'postgres', 'pg_isready'].every((name) => existsSync(join(bin, name))));
}

function findBinaries(): Partial<Binaries> {
	return { redisServer: onPath('redis-server'), postgresBin: postgresBin() };
}

function missing(found: Partial<Binaries>): string[] {
	return [found.redisServer ? '' : 'redis-server', found.postgresBin ? '' : 'postgresql'].filter(Boolean);
}

function aptGet(args: string[]): void {
	const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Redis and PostgreSQL from Debian's packages, installed first when missing and the lane runs as root. */
export function ensureBinaries(log: (line: string) => void): Binaries {
	const found = findBinaries();
	const absent = missing(found);
	if (absent.length === 0) return found as Binaries;
	const command = `apt-get install -y --no-install-recommends ${absent.join(' ')}`;
	if (process.getuid?.() !== 0) {
		throw new Error(`Queue mode needs Debian's ${absent.join(' and ')}, which this machine lacks. Install as root (${command}), or run the lane as root to let it install them.`);
	}
	log(`Installing Debian's ${absent.join(' and ')} for queue mode (${command})...`);
	aptGet(['update', '-q']);
	aptGet(['install', '-y', '-q', '--no-install-recommends', ...absent]);
	const installed = findBinaries();
	if (missing(installed).length > 0) throw new Error(`apt-get installed ${absent.join(' ')}, but ${missing(installed).join(' and ')} is still not found`);
	return installed as Binaries;
}

/** Whether Redis answers PING on the port. */
function redisAnswers(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(2000, () => socket.destroy());
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			resolve(data.toString().startsWith('+PONG'));
			socket.destroy();
		});
		socket.once('close', () => resolve(false));
		socket.once('error', () => resolve(false));
	});
}

/** Redis on a free loopback port, nothing saved to disk. */
export async function startRedis(binaries: Binaries, folder: string): Promise<Service> {
	const port = await freePort();
	const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', folder, '--save', '', '--appendonly', 'no'];
	const child = startProcess(binaries.redisServer, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	await waitUntil(child, 'redis-server', () => redisAnswers(port), STARTUP_MS, keepOutput(child));
	return { port, stop: () => stopProcess(child) };
}

/**
 * PostgreSQL refuses to run as root: when the lane is root, the server runs as Debian's `postgres`
 * user (or `nobody`); otherwise as the lane's own user.
 */
function unprivilegedUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const users = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.map((line) => line.split(':'));
	const user = users.find((fields) => fields[0] === 'postgres') ?? users.find((fields) => fields[0] === 'nobody');
	if (!user) throw new Error('PostgreSQL refuses to run as root, and this machine has neither a postgres nor a nobody user to run it as');
	return { uid: Number(user[2]), gid: Number(user[3]) };
}

export const POSTGRES_USER = 'n8n';
export const POSTGRES_DATABASE = 'postgres';

/**
 * A throwaway PostgreSQL cluster: initdb into a temporary folder, trust authentication (it
 * listens on 127.0.0.1 only), durability off, since it lives for one run.
 */
export async function startPostgres(binaries: Binaries): Promise<Service> {
	const user = unprivilegedUser();
	const folder = mkdtempSync(join(tmpdir(), 'n8n-nodes-hyperrep-agentry-pg-'));
	process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
	if (user) chownSync(folder, user.uid, user.gid);
	const asUser = { ...user, cwd: folder, env: { PATH: process.env.PATH, LC_ALL: 'C' } };
	const data = join(folder, 'data');
	const bin = (name: string) => join(binaries.postgresBin, name);

	const initdb = spawnSync(bin('initdb'), ['-D', data, '-U', POSTGRES_USER, '--auth=trust', '--no-locale', '--encoding=UTF8', '--no-sync'], {
		...asUser,
		encoding: 'utf8',
	});
	if (initdb.status !== 0) throw new Error(`initdb failed (exit ${initdb.status ?? initdb.signal}):\n${initdb.stderr}`);

	const port = await freePort();
	const settings = ['listen_addresses=127.0.0.1', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
	const args = ['-D', data, '-p', String(port), '-k', folder, ...settings.flatMap((setting) => ['-c', setting])];
	const child = startProcess(bin('postgres'), args, { ...asUser, stdio: ['ignore', 'pipe', 'pipe'] });
	const accepts = () =>
		new Promise<boolean>((resolve) => execFile(bin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES_USER], (error) => resolve(!error)));
	await waitUntil(child, 'postgres', accepts, STARTUP_MS, keepOutput(child));
	return { port, stop: () => stopProcess(child) };
}
