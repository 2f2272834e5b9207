import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const MB = 1_000_000;
const SETTLE_MS = 50;
const SETTLE_ROUNDS = 10;

/** The middle value (the mean of the two middle values for an even count). */
export function median(values: number[]): number {
	if (values.length === 0) throw new Error('median of no values');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * A full garbage collection, so that a baseline does not include garbage of earlier runs.
 * Uses `global.gc` when the process runs with --expose-gc, else exposes it at runtime.
 */
export function collectGarbage(): void {
	const exposed = (globalThis as { gc?: () => void }).gc;
	if (exposed) {
		exposed();
		return;
	}
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}

/** Memory the process holds outside its code: the JS heap in use plus Buffers and other external memory. */
function heapAndBuffers(): number {
	const usage = process.memoryUsage();
	return usage.heapUsed + usage.external;
}

/**
 * Samples memory every few milliseconds and keeps the highest values: the resident set size,
 * and the JS heap in use plus Buffers (which, unlike RSS, goes down again after a collection, so
 * it shows what a run needs even in a process whose heap already grew in earlier runs).
 */
export class MemorySampler {
	peakRss = process.memoryUsage.rss();
	peakHeap = heapAndBuffers();
	private readonly timer: NodeJS.Timeout;

	constructor(intervalMs = 5) {
		this.timer = setInterval(() => this.sample(), intervalMs);
	}

	/** Stops sampling, after a last sample taken now. */
	stop(): void {
		clearInterval(this.timer);
		this.sample();
	}

	private sample(): void {
		this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
		this.peakHeap = Math.max(this.peakHeap, heapAndBuffers());
	}
}

/** Memory before a run (after a full GC) and its peak during the run, in bytes. */
export interface MemoryFigures {
	baselineRss: number;
	peakRss: number;
	baselineHeap: number;
	peakHeap: number;
}

export interface Measured<T> extends MemoryFigures {
	result: T;
	ms: number;
}

/**
 * Collects garbage until RSS stops falling. V8 hands the pages a collection freed back to the
 * system a little later, in the background: a baseline taken too early would include memory that
 * the run then reuses, and hide it.
 */
async function settle(): Promise<void> {
	collectGarbage();
	let rss = process.memoryUsage.rss();
	for (let round = 0; round < SETTLE_ROUNDS; round++) {
		await sleep(SETTLE_MS);
		collectGarbage();
		const now = process.memoryUsage.rss();
		if (rss - now < MB) return;
		rss = now;
	}
}

/** Takes the baseline once memory has settled and starts sampling; `stop` ends sampling and returns the figures. */
export async function startMemoryWatch(): Promise<{ stop(): MemoryFigures }> {
	await settle();
	const baselineRss = process.memoryUsage.rss();
	const baselineHeap = heapAndBuffers();
	const sampler = new MemorySampler();
	return {
		stop() {
			sampler.stop();
			return { baselineRss, peakRss: sampler.peakRss, baselineHeap, peakHeap: sampler.peakHeap };
		},
	};
}

/** Runs `work` after a full GC and measures its wall time and peak memory. */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
	const watch = await startMemoryWatch();
	const start = performance.now();
	try {
		const result = await work();
		const ms = performance.now() - start;
		return { result, ms, ...watch.stop() };
	} catch (error) {
		watch.stop();
		throw error;
	}
}
