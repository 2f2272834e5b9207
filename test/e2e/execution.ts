/** What `n8n execute --rawOutput` prints: the run, with every node's items per output. */

export interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, { fileName?: string; mimeType?: string; fileSize?: string; id?: string; data?: string }>;
	pairedItem?: { item: number } | Array<{ item: number }>;
}

interface NodeRun {
	executionStatus?: string;
	/** When the node started (epoch ms) and how long it ran (ms), as n8n records them. */
	startTime?: number;
	executionTime?: number;
	error?: { message?: string; description?: string };
	data?: { main?: Array<Item[] | null> };
}

export interface RawRun {
	status?: string;
	data?: { resultData?: { runData?: Record<string, NodeRun[]>; error?: { message?: string } } };
}

export class Execution {
	private constructor(
		readonly exitCode: number | null,
		private readonly run: RawRun | undefined,
		/** Everything the command printed, for when the result is missing. */
		readonly printed: string,
	) {}

	/**
	 * The result JSON runs from the first line that starts with `{` to the last that is `}`: n8n
	 * logs a few lines before it, and after it when the execution failed.
	 */
	static parse(exitCode: number | null, stdout: string, stderr: string): Execution {
		const start = stdout.search(/^\{/m);
		const end = stdout.lastIndexOf('\n}');
		let run: RawRun | undefined;
		if (start >= 0) {
			try {
				run = JSON.parse(stdout.slice(start, end > start ? end + 2 : undefined)) as RawRun;
			} catch {
				run = undefined;
			}
		}
		return new Execution(exitCode, run, `${stdout}\n${stderr}`.trim());
	}

	/** A run n8n stored (the REST API's execution data), for the same questions as a CLI run. */
	static stored(run: RawRun): Execution {
		return new Execution(0, run, '');
	}

	/** The nodes that ran, in the order n8n recorded them. */
	get nodesRun(): string[] {
		return Object.keys(this.run?.data?.resultData?.runData ?? {});
	}

	get succeeded(): boolean {
		return this.exitCode === 0 && this.run !== undefined;
	}

	/** Why the execution failed: the workflow's error, or the end of what n8n printed. */
	get failure(): string {
		const message = this.run?.data?.resultData?.error?.message;
		if (message) return message;
		return this.printed.split('\n').slice(-5).join('\n');
	}

	private lastRun(node: string): NodeRun | undefined {
		return this.run?.data?.resultData?.runData?.[node]?.at(-1);
	}

	ran(node: string): boolean {
		return this.lastRun(node) !== undefined;
	}

	/** The items a node's last run put on an output (0: success, 1: error output when it has one). */
	items(node: string, output = 0): Item[] {
		return this.lastRun(node)?.data?.main?.[output] ?? [];
	}

	json(node: string, output = 0): Array<Record<string, unknown>> {
		return this.items(node, output).map((item) => item.json);
	}

	/** When a node's last run started (epoch ms) and how long it took (ms), from n8n's run data. */
	timing(node: string): { startTime: number; executionTime: number } | undefined {
		const { startTime, executionTime } = this.lastRun(node) ?? {};
		return startTime === undefined || executionTime === undefined ? undefined : { startTime, executionTime };
	}

	nodeError(node: string): string | undefined {
		return this.lastRun(node)?.error?.message;
	}
}
