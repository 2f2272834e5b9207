import type { IDataObject } from 'n8n-workflow';

import { draftStamp, type Feed, type PollingTrigger } from '../shared/polling';
import type { ApiClient } from '../shared/transport';
import { fetchDraftPage, MAX_PAGE_SIZE, type MessageDraft } from '../HyperRep/api';
import { type DraftFilters, matches } from './filters';

/**
 * How far before the watermark `start_date` asks from: one millisecond, so that a draft stamped
 * exactly at the watermark is listed whether HyperRep reads `start_date` as inclusive or exclusive.
 * What this brings back again is skipped by its ID.
 */
export const START_DATE_SLACK_MS = 1;

/** The organization's drafts, newest first by created_at, from `start_date` on when polling. */
function draftFeed(client: ApiClient): Feed<MessageDraft> {
	return {
		maxPageSize: MAX_PAGE_SIZE,
		fetchPage: async (cursor, pageSize, since) =>
			await fetchDraftPage(
				client,
				cursor,
				pageSize,
				since === null ? {} : { start_date: new Date(since - START_DATE_SLACK_MS).toISOString() },
			),
		stamp: draftStamp<MessageDraft>(client, { api: 'HyperRep', noun: 'message draft', field: 'created_at', meaning: 'their creation time' }),
	};
}

/** New Message Draft: every draft created since the last poll that passes the filters. */
export function newMessageDrafts(
	client: ApiClient,
	scope: string,
	filters: DraftFilters,
	format: (draft: MessageDraft) => IDataObject,
): PollingTrigger<MessageDraft> {
	const wanted = (draft: MessageDraft) => matches(draft, filters);
	return {
		scope,
		feed: draftFeed(client),
		emit: (fresh) => fresh.filter(wanted).map(format),
		sample: () => {
			let newest: MessageDraft | undefined;
			return {
				offer: (draft) => {
					if (!newest && wanted(draft)) newest = draft;
					return newest !== undefined;
				},
				output: () => (newest ? [format(newest)] : []),
			};
		},
		nothingFound: 'No message draft matches the filters',
	};
}
