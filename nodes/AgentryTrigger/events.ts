import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { filtersCollection } from '../shared/descriptions';
import { simplifyWhen } from '../shared/output';
import { quote } from '../shared/quote';
import type { InputCheck } from '../shared/validation';
import { agentryFields, labelsProperty } from '../Agentry/descriptions/fields';
import type { Draft } from '../Agentry/api';
import { simpleDraftField, simplifyDraft } from '../Agentry/output';

export const DRAFT_CREATED_OR_UPDATED = 'draftCreatedOrUpdated';
export const DRAFT_SEND_FAILED = 'draftSendFailed';
const EVENTS = [DRAFT_CREATED_OR_UPDATED, DRAFT_SEND_FAILED];

export const eventsField: INodeProperties = {
	displayName: 'Trigger On',
	name: 'events',
	type: 'multiOptions',
	required: true,
	options: [
		{
			name: 'Draft Created or Updated',
			value: DRAFT_CREATED_OR_UPDATED,
			description: 'A draft was created or changed in any way (its updated_at moved)',
		},
		{
			name: 'Draft Send Failed',
			value: DRAFT_SEND_FAILED,
			description: "A draft's scheduled send failed (its send_status became failed)",
		},
	],
	default: [DRAFT_CREATED_OR_UPDATED],
	description: 'The events to start the workflow on. Each output item says which event it is in its event field.',
};

export const filtersField: INodeProperties = filtersCollection([
	labelsProperty('Only drafts that have all of these labels.'),
]);

export const simpleField: INodeProperties = {
	...simpleDraftField,
	hint: `The event, then ${simpleDraftField.hint?.replace(/^Simplified output keeps /, 'the simplified draft: ')}`,
};

export interface EventSettings {
	events: string[];
	/** Every one of these labels must be on the draft. */
	labels: string[];
}

/** Reads and checks the events and filters; fails before any request on a value that cannot work. */
export function readEvents(context: IPollFunctions, check: InputCheck): EventSettings {
	const chosen = context.getNodeParameter('events', []);
	const events = Array.isArray(chosen) ? chosen : [chosen];
	const unknown = events.filter((event) => !EVENTS.includes(event as string));
	if (unknown.length) {
		check.fail(`Trigger On has an unknown event: ${quote(unknown[0])}`, 'Choose Draft Created or Updated, Draft Send Failed, or both.');
	}
	if (events.length === 0) check.fail('Trigger On is empty', 'Choose Draft Created or Updated, Draft Send Failed, or both.');
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	return { events: events as string[], labels: check.stringList(filters.labels ?? [], agentryFields.label('labels')) };
}

export function hasLabels(draft: Draft, labels: string[]): boolean {
	const own = new Set(Array.isArray(draft.labels) ? draft.labels : []);
	return labels.every((label) => own.has(label));
}

export function sendFailed(draft: Draft): boolean {
	return draft.send_status === 'failed';
}

/** How an event's draft is output: with its event first, compact when Simplify is on. */
export function eventFormatter(context: IPollFunctions, check: InputCheck): (event: string, draft: Draft) => IDataObject {
	const simple = check.boolean(context.getNodeParameter('simple', true), 'Simplify');
	const format = simplifyWhen(simple, simplifyDraft);
	return (event, draft) => ({ event, ...format(draft) });
}
