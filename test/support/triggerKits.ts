import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ActiveTrigger, type TriggerSpec } from '../harness/poll';
import type { HeldRequest, Sandbox } from '../sandbox/server';
import { agentry, agPath, hrPath, hyperrep } from '../sandbox/testClient';
import { agentryCredentials, fromList, hyperRepCredentials } from './sandbox';

/** What the trigger tests need of one trigger: its spec, a way to create drafts, and its API. */
export interface TriggerKit {
	api: 'agentry' | 'hyperrep';
	spec(parameters?: INodeParameters): TriggerSpec;
	/** Creates drafts through the API, one after another; resolves to their IDs in that order. */
	createDrafts(count: number): Promise<string[]>;
	/** Activates the trigger and checks that its first poll emitted nothing. */
	activate(parameters?: INodeParameters): Promise<ActiveTrigger>;
	/** Starts a poll whose first list request the sandbox holds; resolves once it is held. */
	startHeldPoll(trigger: ActiveTrigger): Promise<{ outcome: ReturnType<ActiveTrigger['poll']>; release: () => void }>;
	/** Holds the `nth` list request from now on (see `sandbox.hold`). */
	holdListRequest(nth?: number): HeldRequest;
}

export const AGENTRY_INBOX = 'sales@agentry.test';

export const idsOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.draft_id);

/** The Agentry Trigger on Draft Created or Updated, watching an inbox added before each test. */
export function agentryTriggerKit(sandbox: () => Sandbox): TriggerKit {
	beforeEach(() => sandbox().agentry.addInbox({ email: AGENTRY_INBOX, display_name: 'Sales' }));
	return kit(sandbox, 'agentry', {
		spec: (parameters = {}) => ({
			type: 'agentryTrigger',
			parameters: { inboxId: fromList(AGENTRY_INBOX), events: ['draftCreatedOrUpdated'], ...parameters },
			credentials: agentryCredentials(sandbox()),
		}),
		create: async (i) => {
			const res = await agentry<{ draft_id: string }>(sandbox(), 'POST', agPath(AGENTRY_INBOX, '/drafts'), {
				body: { to: [`lead${i}@example.com`], subject: `Draft ${i}` },
			});
			expect(res.statusCode).toBe(201);
			return res.body.draft_id;
		},
	});
}

/** The HyperRep Trigger on New Message Draft. */
export function hyperRepTriggerKit(sandbox: () => Sandbox): TriggerKit {
	return kit(sandbox, 'hyperrep', {
		spec: (parameters = {}) => ({
			type: 'hyperRepTrigger',
			parameters: { event: 'newMessageDraft', ...parameters },
			credentials: hyperRepCredentials(sandbox()),
		}),
		create: async (i) => {
			const res = await hyperrep<{ draft_id: string }>(sandbox(), 'POST', hrPath(), {
				body: { modality: 'email', subject: `Draft ${i}`, to_email: `lead${i}@example.com` },
			});
			expect(res.statusCode).toBe(201);
			return res.body.draft_id;
		},
	});
}

function kit(
	sandbox: () => Sandbox,
	api: TriggerKit['api'],
	{ spec, create }: { spec: TriggerKit['spec']; create: (i: number) => Promise<string> },
): TriggerKit {
	return {
		api,
		spec,
		createDrafts: async (count) => {
			const ids: string[] = [];
			for (let i = 0; i < count; i++) ids.push(await create(i));
			return ids;
		},
		activate: async (parameters) => {
			const { trigger, first } = await ActiveTrigger.activate(spec(parameters));
			expect(first).toEqual({ items: [] });
			return trigger;
		},
		holdListRequest: (nth) => sandbox().hold({ method: 'GET', api }, nth),
		startHeldPoll: async (trigger) => {
			const held = sandbox().hold({ method: 'GET', api });
			const outcome = trigger.poll();
			await held.arrived;
			return { outcome, release: held.release };
		},
	};
}
