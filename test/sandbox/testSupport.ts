import type { AgentryInbox, HyperRepDraft } from './server';

/** What the sandbox's answers look like to its own tests, and helpers those tests share. */

export interface HrList {
	data: HyperRepDraft[];
	pagination: { limit: number; cursor: string | null; next_cursor: string | null; has_more: boolean };
}
export interface HrCreated {
	draft_id: string;
	scheduled_to_send: boolean;
	scheduled_send_at: string | null;
	folder: string;
}
export interface PydanticDetail {
	type: string;
	loc: Array<string | number>;
	msg: string;
}
export interface AgError {
	name: string;
	code: string;
	message: string;
	fix?: string;
}
export interface AgPage {
	count: number;
	limit: number;
	next_page_token?: string;
	drafts?: Array<Record<string, unknown>>;
	inboxes?: AgentryInbox[];
}
export interface AgAttachmentInfo {
	attachment_id: string;
	content_disposition?: string;
	content_type?: string;
	filename?: string;
	size: number;
	download_url: string;
	expires_at: string;
}

export const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');

export async function expectThrows(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the request to fail at the transport level');
}
