import { type FaultRequest, matchesRequest } from './faults';
import type { FaultRule, HeldRequest } from './types';

/**
 * Requests held on arrival until the test releases them: a poll made to outlast another without
 * racing a timer. Each hold takes the first matching request after it was set; a held request is
 * then processed as usual.
 */
export class Holds {
	private waiting: Array<{ match: FaultRule['match']; arrive: () => void; released: Promise<void>; release: () => void }> = [];
	private held: Array<() => void> = [];

	add(match: FaultRule['match']): HeldRequest {
		let arrive = () => {};
		let release = () => {};
		const arrived = new Promise<void>((resolve) => (arrive = resolve));
		const released = new Promise<void>((resolve) => (release = resolve));
		this.waiting.push({ match, arrive, released, release });
		return { arrived, release };
	}

	/** Waits while a hold takes this request. */
	async pass(req: FaultRequest): Promise<void> {
		const index = this.waiting.findIndex((hold) => matchesRequest({ kind: 'latency', match: hold.match }, req));
		if (index < 0) return;
		const [hold] = this.waiting.splice(index, 1);
		this.held.push(hold.release);
		hold.arrive();
		await hold.released;
	}

	/** Lets every held request go and drops the holds still waiting (a reset between tests). */
	clear(): void {
		for (const release of this.held.splice(0)) release();
		this.waiting = [];
	}
}
