import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** V8's `.cpuprofile` (what `node --cpu-prof` writes): a call tree, and which node each sample hit when. */
interface CpuProfile {
	nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
	/** Microseconds on the machine's monotonic clock, as `process.hrtime` reads it. */
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

interface Frame {
	functionName: string;
	url: string;
}

/** Which code a sample's CPU time belongs to. */
export interface Attribution {
	/** The frames that mark a node's own code: a URL fragment (`…/dist/` of a package). */
	ownCode: string;
	/** Time in the node's own functions (µs). */
	ownUs: number;
	/** Time in n8n's work that a category names, wherever it was called from (µs). */
	categoryUs: Record<string, number>;
	/** Other time below the node's code, by the function it called (µs). */
	calledUs: Record<string, number>;
	/** Other time in the window outside the node's frames (I/O callbacks, n8n's own work), by the leaf frame's package (µs). */
	outsideUs: Record<string, number>;
	/** Every sample in the window (µs), idle excluded. */
	busyUs: number;
	idleUs: number;
}

/**
 * n8n's per-item work, recognized by a function on the stack; the first that matches counts (the
 * credential's authenticate block resolves its values as expressions too).
 */
const CATEGORIES: Array<{ name: string; functionName: string; file: string }> = [
	{ name: "the credential's authenticate block", functionName: 'authenticate', file: 'credentials-helper' },
	{ name: "the workflow's expressions", functionName: 'resolveSimpleParameterValue', file: 'workflow-expression' },
	{ name: 'parameter reads (evaluation apart)', functionName: '_getNodeParameter', file: 'node-execution-context' },
	{ name: 'credential lookups', functionName: '_getCredentials', file: 'node-execution-context' },
	{ name: 'getNode copies', functionName: 'getNode', file: 'node-execution-context' },
];

function categoryOf(stack: Frame[]): string | undefined {
	return CATEGORIES.find(({ functionName, file }) => stack.some((frame) => frame.functionName === functionName && frame.url.includes(file)))?.name;
}

/** Milliseconds since the epoch to the monotonic clock of profiles, measured in this process. */
export function epochToMonotonicUs(): (epochMs: number) => number {
	const offsetUs = Date.now() * 1000 - Number(process.hrtime.bigint() / 1000n);
	return (epochMs) => epochMs * 1000 - offsetUs;
}

/** The profile of the process that ran the workflow: the largest in the folder (n8n's task runner writes one too). */
export function readMainProfile(folder: string): CpuProfile {
	const profiles = readdirSync(folder)
		.filter((file) => file.endsWith('.cpuprofile'))
		.map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as CpuProfile);
	if (profiles.length === 0) throw new Error(`No .cpuprofile in ${folder}`);
	return profiles.reduce((largest, profile) => (profile.samples.length > largest.samples.length ? profile : largest));
}

/** The package a script belongs to, from its URL: `n8n-core`, `axios`, `node:internal`, ... */
function moduleOf(url: string): string {
	if (url === '') return '(native)';
	if (url.startsWith('node:')) return 'node';
	const match = /node_modules\/((?:@[^/]+\/)?[^/]+)(?!.*node_modules)/.exec(url);
	return match ? match[1] : url;
}

/** A readable name of a function, with its package. */
function nameOf(frame: Frame): string {
	return `${frame.functionName || '(anonymous)'} [${moduleOf(frame.url)}]`;
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/**
 * Splits the CPU time of the samples in [fromUs, toUs] by whose code ran: the node's own functions,
 * n8n's per-item work by category, other functions the node called (by the first below its
 * frames), and everything else in that window by package.
 */
export function attribute(profile: CpuProfile, fromUs: number, toUs: number, ownCode: string): Attribution {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const stackOf = (id: number): Frame[] => {
		const frames: Frame[] = [];
		for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
			frames.push((byId.get(current) as CpuProfile['nodes'][number]).callFrame);
		}
		return frames;
	};

	const result: Attribution = { ownCode, ownUs: 0, categoryUs: {}, calledUs: {}, outsideUs: {}, busyUs: 0, idleUs: 0 };
	const add = (bucket: Record<string, number>, key: string, us: number) => (bucket[key] = (bucket[key] ?? 0) + us);
	let at = profile.startTime;
	for (let index = 0; index < profile.samples.length; index++) {
		at += profile.timeDeltas[index];
		const us = profile.timeDeltas[index + 1] ?? 0;
		if (at < fromUs || at > toUs) continue;
		const stack = stackOf(profile.samples[index]);
		const leaf = stack[0];
		if (leaf.functionName === '(idle)') {
			result.idleUs += us;
			continue;
		}
		result.busyUs += us;
		const own = stack.findIndex((frame) => frame.url.includes(ownCode));
		const category = own === 0 ? undefined : categoryOf(stack);
		if (own === 0) result.ownUs += us;
		else if (category) add(result.categoryUs, category, us);
		else if (own > 0) add(result.calledUs, nameOf(stack[own - 1]), us);
		else add(result.outsideUs, SPECIAL.has(leaf.functionName) ? leaf.functionName : moduleOf(leaf.url), us);
	}
	return result;
}
