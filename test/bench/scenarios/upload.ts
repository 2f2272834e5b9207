import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { MB } from '../measure';
import { type Check, format, type ScenarioResult } from '../report';
import { type SandboxClient, TS_CHILD } from '../sandboxClient';
import type { BinaryMode, UploadJob, UploadMeasurement } from '../uploadProcess';

export interface UploadSettings {
	bytes: number;
	modes: BinaryMode[];
}

const SCENARIO = 'Attachment upload';
/** Peak memory above the baseline, as a multiple of the file size. */
const TARGET_MULTIPLE = 3;

const run = promisify(execFile);

/** Runs the upload in a fresh process that holds nothing but the harness, the node and the file. */
async function measureUpload(job: UploadJob): Promise<UploadMeasurement> {
	const script = join(__dirname, '..', 'uploadProcess.ts');
	// n8n-core's instance settings need a user folder and an encryption key: without them it makes
	// ~/.n8n/config and says so on stdout, which carries the measurement.
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-bench-upload-'));
	try {
		const { stdout } = await run(process.execPath, ['--expose-gc', ...TS_CHILD.execArgv, script, JSON.stringify(job)], {
			env: { ...TS_CHILD.env, N8N_USER_FOLDER: userFolder, N8N_ENCRYPTION_KEY: 'bench-upload' },
			maxBuffer: MB,
		});
		return JSON.parse(stdout) as UploadMeasurement;
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

async function benchMode(sandbox: SandboxClient, bytes: number, mode: BinaryMode) {
	const inboxId = await sandbox.call('addInbox');
	const [draftId] = await sandbox.call('seedAgentryDrafts', inboxId, 1);
	const measured = await measureUpload({ baseUrl: sandbox.url, inboxId, draftId, bytes, mode });
	const stored = await sandbox.call('attachmentSizes', inboxId, draftId);
	const rssGrowth = measured.peakRss - measured.baselineRss;
	const heapGrowth = measured.peakHeap - measured.baselineHeap;
	console.log(`  ${mode} binary data: peak RSS +${format.mb(rssGrowth)} in ${format.ms(measured.ms)}`);
	return {
		mode,
		bytes,
		...measured,
		rssGrowth,
		rssMultiple: rssGrowth / bytes,
		heapGrowth,
		heapMultiple: heapGrowth / bytes,
		storedIntact: measured.uploadedBytes === bytes && stored.includes(bytes),
	};
}

type UploadFigures = Awaited<ReturnType<typeof benchMode>>;

function checksOf(figures: UploadFigures): Check[] {
	const scenario = `${SCENARIO} ${format.mb(figures.bytes)} (${figures.mode} binary data)`;
	return [
		{
			scenario,
			metric: 'peak RSS above baseline',
			target: `<= ${TARGET_MULTIPLE}x file size`,
			measured: `+${format.mb(figures.rssGrowth)} = ${format.ratio(figures.rssMultiple)} (${format.ms(figures.ms)})`,
			pass: figures.rssMultiple <= TARGET_MULTIPLE,
		},
		{
			// RSS misses memory the allocator kept from before the run and hands out again; this
			// counts every allocation of the run instead, garbage included until it is collected.
			scenario,
			metric: 'peak JS heap + Buffers above baseline',
			target: `<= ${TARGET_MULTIPLE}x file size`,
			measured: `+${format.mb(figures.heapGrowth)} = ${format.ratio(figures.heapMultiple)}`,
			pass: figures.heapMultiple <= TARGET_MULTIPLE,
		},
		{
			scenario,
			metric: 'attachment stored whole',
			target: `${figures.bytes.toLocaleString('en-US')} bytes`,
			measured: figures.storedIntact ? 'yes' : `no (node reported ${figures.uploadedBytes} bytes)`,
			pass: figures.storedIntact,
		},
	];
}

export async function upload(sandbox: SandboxClient, settings: UploadSettings): Promise<ScenarioResult> {
	// The sandbox would otherwise keep every 27 MB request body in its log.
	await sandbox.call('setLogging', false);
	await sandbox.call('setLatency', 0);
	const figures: UploadFigures[] = [];
	try {
		for (const mode of settings.modes) figures.push(await benchMode(sandbox, settings.bytes, mode));
	} finally {
		await sandbox.call('setLogging', true);
	}
	return { name: SCENARIO, settings: { ...settings }, figures, checks: figures.flatMap(checksOf) };
}
