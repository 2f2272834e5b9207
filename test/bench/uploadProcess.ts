import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { INodeExecutionData } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';

import { useFilesystemBinaryData } from '../harness/binaryMode';
import { runNode } from '../harness/engine';
import { agentry, byId } from './apis';
import { type MemoryFigures, startMemoryWatch } from './measure';

/**
 * Runs Agentry attachment:add on one file in a process of its own, and prints its memory as
 * JSON on stdout. The sandbox runs in another process, so only the node's memory counts here.
 * Started by `scenarios/upload.ts` with the file to upload as JSON (an `UploadJob`) in argv[2].
 */

/** `filesystem` keeps binary data on disk (n8n's default); `memory` keeps it base64 in the item. */
export type BinaryMode = 'filesystem' | 'memory';

export interface UploadJob {
	baseUrl: string;
	inboxId: string;
	draftId: string;
	bytes: number;
	mode: BinaryMode;
}

export interface UploadMeasurement extends MemoryFigures {
	ms: number;
	/** The size Agentry reported for the attachment. */
	uploadedBytes: number;
}

const FILE = { mimeType: 'application/pdf', fileName: 'price-list.pdf' };
// A multiple of 3, so that chunks encode to base64 without padding in between; below glibc's
// mmap threshold (128 kB), so that each chunk reuses the memory of the one before.
const CHUNK_BYTES = 3 * 16 * 1024;

/**
 * Random file content in small chunks. Preparing the input must leave no large freed blocks
 * behind: the allocator would keep them resident and hand them to the upload, so the RSS
 * baseline would already contain memory that the upload then uses.
 */
function* randomChunks(bytes: number): Generator<Buffer> {
	for (let offset = 0; offset < bytes; offset += CHUNK_BYTES) yield randomBytes(Math.min(CHUNK_BYTES, bytes - offset));
}

/** An input item with the file in its `data` binary property, kept as n8n keeps it in that mode. */
async function binaryItem(mode: BinaryMode, bytes: number): Promise<INodeExecutionData> {
	if (mode === 'memory') {
		const base64 = Array.from(randomChunks(bytes), (chunk) => chunk.toString('base64')).join('');
		return { json: {}, binary: { data: { ...FILE, data: base64 } } };
	}
	const stored = await Container.get(BinaryDataService).store(
		{ type: 'execution', workflowId: 'test-workflow', executionId: 'test-execution' },
		Readable.from(randomChunks(bytes)),
		{ ...FILE, data: '' },
	);
	return { json: {}, binary: { data: stored } };
}

async function upload(job: UploadJob, item: INodeExecutionData): Promise<number> {
	const { items, nodeError } = await runNode({
		type: agentry.nodeType,
		parameters: {
			resource: 'attachment',
			operation: 'add',
			inboxId: byId(job.inboxId),
			draftId: byId(job.draftId),
			source: 'binaryData',
			binaryPropertyName: 'data',
		},
		credentials: agentry.credentials({ baseUrl: job.baseUrl, id: job.inboxId }),
		input: [item],
	});
	if (nodeError) throw nodeError;
	return Number(items[0]?.json.size);
}

async function main(job: UploadJob): Promise<UploadMeasurement> {
	const restore = job.mode === 'filesystem' ? await useFilesystemBinaryData() : undefined;
	try {
		// Warm-up with a small file: lazy loading of n8n-core and axios is not the upload's memory.
		await upload(job, await binaryItem(job.mode, 1024));
		const item = await binaryItem(job.mode, job.bytes);
		const watch = await startMemoryWatch();
		const started = performance.now();
		const uploadedBytes = await upload(job, item);
		const ms = performance.now() - started;
		return { ...watch.stop(), ms, uploadedBytes };
	} finally {
		restore?.();
	}
}

main(JSON.parse(process.argv[2]) as UploadJob).then(
	(measurement) => process.stdout.write(`${JSON.stringify(measurement)}\n`),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
