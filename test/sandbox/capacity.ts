import type { Socket } from 'node:net';

import { sleep } from './http';
import type { CapacityControl, CapacitySettings, CapacityStats } from './types';

/**
 * What the sandbox does at its capacity, as many real APIs do instead of answering 429: requests
 * queue for a fixed number of workers (so latency grows with the queue while throughput stays put),
 * and connections beyond a cap are reset before their request is read (as a proxy at its
 * connection limit does). Off until `set`; `clear` (and the sandbox's `reset`) turns it off.
 */
export class Capacity implements CapacityControl {
	private settings: CapacitySettings = {};
	private busy = 0;
	private readonly waiting: Array<() => void> = [];
	private readonly open = new Set<Socket>();
	private counts = { reset: 0, queuedMost: 0, workingMost: 0 };

	set(settings: CapacitySettings): void {
		for (const [name, value] of Object.entries(settings)) {
			if (value !== undefined && !(Number.isInteger(value) && value >= (name === 'serviceMs' ? 0 : 1))) {
				throw new Error(`Sandbox: capacity ${name} must be a whole number${name === 'serviceMs' ? '' : ' above 0'}`);
			}
		}
		if ((settings.workers === undefined) !== (settings.serviceMs === undefined)) {
			throw new Error('Sandbox: a queue needs both workers and serviceMs');
		}
		this.settings = { ...settings };
	}

	clear(): void {
		this.settings = {};
		this.counts = { reset: 0, queuedMost: 0, workingMost: 0 };
		// Requests already waiting are served at once rather than left hanging.
		for (const next of this.waiting.splice(0)) next();
	}

	stats(): CapacityStats {
		const { reset, queuedMost, workingMost } = this.counts;
		return { connectionsReset: reset, queuedMost, workingMost, openConnections: this.open.size, inService: this.busy + this.waiting.length };
	}

	/** A new connection: reset at once, before anything is read from it, when the cap is reached. */
	connection(socket: Socket): void {
		const cap = this.settings.maxConnections;
		if (cap !== undefined && this.open.size >= cap) {
			this.counts.reset++;
			socket.resetAndDestroy();
			return;
		}
		this.open.add(socket);
		socket.once('close', () => this.open.delete(socket));
	}

	/** Waits for a worker, keeps it for the service time, then lets the request be answered. */
	async serve(): Promise<void> {
		const { workers, serviceMs } = this.settings;
		if (workers === undefined || serviceMs === undefined) return;
		if (this.busy >= workers) {
			await new Promise<void>((resolve) => {
				this.waiting.push(resolve);
				this.counts.queuedMost = Math.max(this.counts.queuedMost, this.waiting.length);
			});
		} else {
			this.busy++;
			this.counts.workingMost = Math.max(this.counts.workingMost, this.busy);
		}
		try {
			if (serviceMs > 0) await sleep(serviceMs);
		} finally {
			// The worker goes straight to the next request in line, or becomes idle.
			const next = this.waiting.shift();
			if (next) next();
			else this.busy = Math.max(0, this.busy - 1);
		}
	}
}
