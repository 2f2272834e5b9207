import type { IDataObject } from 'n8n-workflow';

import { draftStamp, type Feed, parseTimestamp, type PollingTrigger } from '../shared/polling';
import type { ApiClient } from '../shared/transport';
import { type Draft, fetchDraftPage, MAX_PAGE_SIZE } from '../Agentry/api';
import { DRAFT_CREATED_OR_UPDATED, DRAFT_SEND_FAILED, type EventSettings, hasLabels, sendFailed } from './events';

/** The inbox's drafts, most recently updated first. */
function draftFeed(client: ApiClient, inboxId: string): Feed<Draft> {
	return {
		maxPageSize: MAX_PAGE_SIZE,
		fetchPage: async (token, pageSize) => await fetchDraftPage(client, inboxId, token, pageSize),
		stamp: draftStamp<Draft>(client, { api: 'Agentry', noun: 'draft', field: 'updated_at', meaning: 'their last update' }),
	};
}

/**
 * Draft Created or Updated: every draft updated since the last poll. Draft Send Failed: a draft
 * updated since the last poll whose send_status is failed, once per failed send: the failure is
 * the draft with the send time that failed (its send_at), so an edit of a draft that stays failed
 * is not a second failure, and a draft rescheduled and failed again is. The failures reported are
 * remembered within a bound (../shared/reportedEvents); a draft seen not failed leaves the memory.
 */
export function draftEvents(
	client: ApiClient,
	inboxId: string,
	settings: EventSettings,
	format: (event: string, draft: Draft) => IDataObject,
): PollingTrigger<Draft> {
	const on = (event: string) => settings.events.includes(event);
	const wanted = (draft: Draft) => hasLabels(draft, settings.labels);
	return {
		scope: `agentry:${inboxId}`,
		feed: draftFeed(client, inboxId),
		emit: (fresh, reported) => {
			const output: IDataObject[] = [];
			for (const draft of fresh) {
				const failure = sendFailed(draft) ? failedSendKey(draft) : undefined;
				if (failure === undefined) reported.forget(draft.draft_id);
				if (!wanted(draft)) continue;
				if (on(DRAFT_CREATED_OR_UPDATED)) output.push(format(DRAFT_CREATED_OR_UPDATED, draft));
				if (on(DRAFT_SEND_FAILED) && failure !== undefined && !reported.has(draft.draft_id, failure)) {
					output.push(format(DRAFT_SEND_FAILED, draft));
					reported.record(draft.draft_id, failure);
				}
			}
			return output;
		},
		sample: () => {
			const found = new Map<string, Draft>();
			const matchers: Record<string, (draft: Draft) => boolean> = {
				[DRAFT_CREATED_OR_UPDATED]: wanted,
				[DRAFT_SEND_FAILED]: (draft) => wanted(draft) && sendFailed(draft),
			};
			return {
				offer: (draft) => {
					for (const event of settings.events) {
						if (!found.has(event) && matchers[event](draft)) found.set(event, draft);
					}
					return found.size === settings.events.length;
				},
				output: () => settings.events.filter((event) => found.has(event)).map((event) => format(event, found.get(event) as Draft)),
			};
		},
		nothingFound: 'No draft of the inbox matches the events and filters',
	};
}

/** Which send failed: its send time in ms, or 0 for a failed draft without one. */
function failedSendKey(draft: Draft): number {
	return parseTimestamp(draft.send_at) ?? 0;
}
