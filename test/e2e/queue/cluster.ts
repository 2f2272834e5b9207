import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { N8nInstall } from '../n8nInstall';
import { freePort, n8nEnvironment, spawnN8n, waitUntilReady } from '../n8nProcess';
import { N8nServer } from '../n8nServer';
import { keepOutput, killProcess, stopProcess } from '../processes';
import { POSTGRES_DATABASE, POSTGRES_USER, type Service } from './services';

/**
 * n8n's queue mode (its distributed engine): `n8n start` as main, which takes the webhooks and
 * runs the polls and puts every production execution into a Bull queue in Redis, and two
 * `n8n worker`s that take executions from it; all three share one PostgreSQL database. Each process
 * has a user folder of its own (as on separate machines), all with the lane's installed package.
 */

/** Executions a worker runs at once (n8n's default). */
export const WORKER_CONCURRENCY = 10;
/**
 * n8n gives up a job whose worker died (it retries none) once the job's lock lapses and a
 * stalled-job check runs: 20 s and 5 s here instead of 60 s and 30 s, so that the lane does not
 * wait a minute and a half. A live worker renews its locks every 4 s.
 */
const LOCK_SETTINGS = { QUEUE_WORKER_LOCK_DURATION: '20000', QUEUE_WORKER_LOCK_RENEW_TIME: '4000', QUEUE_WORKER_STALLED_INTERVAL: '5000' };
const STARTUP_MS = 240_000;

export interface JobCounts {
	waiting: number;
	active: number;
	delayed: number;
}

interface PgClient {
	connect(): Promise<void>;
	query(text: string, values: unknown[]): Promise<{ rows: Array<{ id: unknown }> }>;
	end(): Promise<void>;
}

interface BullQueue {
	getJobCounts(): Promise<JobCounts>;
	close(): Promise<void>;
}

/** The settings every process of the cluster shares (n8n CLI commands on its database included). */
export function queueEnvironment(postgres: Service, redis: Service, encryptionKey: string): Record<string, string> {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_USER: POSTGRES_USER,
		DB_POSTGRESDB_DATABASE: POSTGRES_DATABASE,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: encryptionKey,
		...LOCK_SETTINGS,
	};
}

export const newEncryptionKey = () => randomBytes(24).toString('hex');

/** A user folder for one process of the cluster, sharing the lane's installed community package. */
export function processFolder(root: string, name: string, nodesFolder: string): string {
	const folder = join(root, name);
	mkdirSync(join(folder, '.n8n'), { recursive: true });
	symlinkSync(nodesFolder, join(folder, '.n8n', 'nodes'));
	return folder;
}

class Worker {
	private constructor(readonly child: ChildProcess) {}

	async stop(): Promise<void> {
		await stopProcess(this.child);
	}

	static async start(install: N8nInstall, userFolder: string, env: Record<string, string>, name: string): Promise<Worker> {
		const [healthPort, brokerPort] = [await freePort(), await freePort()];
		const child = spawnN8n(
			install,
			['worker', `--concurrency=${WORKER_CONCURRENCY}`],
			n8nEnvironment(userFolder, {
				...env,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			}),
		);
		const worker = new Worker(child);
		try {
			await waitUntilReady(child, `n8n worker (${name})`, `http://127.0.0.1:${healthPort}`, STARTUP_MS, keepOutput(child));
		} catch (error) {
			await stopProcess(child);
			throw error;
		}
		return worker;
	}
}

export class QueueCluster {
	private constructor(
		private readonly install: N8nInstall,
		private readonly env: Record<string, string>,
		private readonly folders: string[],
		readonly main: N8nServer,
		private readonly workers: Array<Worker | undefined>,
		private readonly queue: BullQueue,
	) {}

	/** Main and the workers together: the database is migrated already (by the import). */
	static async start(install: N8nInstall, env: Record<string, string>, mainFolder: string, workerFolders: string[]): Promise<QueueCluster> {
		const [main, ...workers] = await Promise.allSettled([
			N8nServer.start(install, mainFolder, { extraEnv: env, timeoutMs: STARTUP_MS }),
			...workerFolders.map((folder, index) => Worker.start(install, folder, env, `worker ${index + 1}`)),
		]);
		const failed = [main, ...workers].find((result) => result.status === 'rejected');
		if (failed || main.status === 'rejected') {
			await Promise.all([main, ...workers].map((result) => result.status === 'fulfilled' && result.value.stop()));
			throw failed?.reason;
		}
		const running = workers.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
		// n8n's own Bull, to read how many jobs are still queued or running.
		const Queue = createRequire(join(install.root, 'node_modules', 'n8n', 'package.json'))('bull') as new (
			name: string,
			options: object,
		) => BullQueue;
		const queue = new Queue('jobs', { prefix: 'bull', redis: { host: '127.0.0.1', port: Number(env.QUEUE_BULL_REDIS_PORT) } });
		return new QueueCluster(install, env, workerFolders, main.value, running, queue);
	}

	/** SIGKILL to a worker and its task runner: a crash, with no chance to finish or hand back its executions. */
	async killWorker(index: number): Promise<void> {
		const worker = this.workers[index];
		this.workers[index] = undefined;
		if (worker) await killProcess(worker.child);
	}

	/** Starts a worker again on its own user folder, as a process supervisor would. */
	async restartWorker(index: number): Promise<void> {
		this.workers[index] ??= await Worker.start(this.install, this.folders[index], this.env, `worker ${index + 1}, restarted`);
	}

	/**
	 * The IDs of a workflow's executions as PostgreSQL holds them (with n8n's own `pg`): n8n's
	 * executions list reads running and finished ones by separate queries, and missed one of a dead
	 * worker's executions in 2 of about 10 lane runs.
	 */
	async executionIds(workflowId: string): Promise<string[]> {
		const { Client } = createRequire(join(this.install.root, 'node_modules', 'n8n', 'package.json'))('pg') as {
			Client: new (options: object) => PgClient;
		};
		const client = new Client({
			host: '127.0.0.1',
			port: Number(this.env.DB_POSTGRESDB_PORT),
			user: this.env.DB_POSTGRESDB_USER,
			database: this.env.DB_POSTGRESDB_DATABASE,
		});
		await client.connect();
		try {
			const { rows } = await client.query('SELECT id FROM execution_entity WHERE "workflowId" = $1 ORDER BY id', [workflowId]);
			return rows.map((row) => String(row.id));
		} finally {
			await client.end();
		}
	}

	async jobCounts(): Promise<JobCounts> {
		const { waiting, active, delayed } = await this.queue.getJobCounts();
		return { waiting, active, delayed };
	}

	async stop(): Promise<void> {
		await this.queue.close();
		await Promise.all([...this.workers.map((worker) => worker?.stop()), this.main.stop()]);
	}
}
