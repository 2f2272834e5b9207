import type { IDataObject } from 'n8n-workflow';

import { htmlToText, pickFilled, preview, simplifyField } from '../shared/output';
import type { MessageDraft } from './api';
import { hyperRepFields } from './descriptions/fields';

/** Who the draft goes to, where it is filed, what it says and when it goes out. */
const SIMPLE_DRAFT_FIELDS = hyperRepFields.simpleFields();

export const simpleDraftField = simplifyField(SIMPLE_DRAFT_FIELDS, 'the HTML body, CC, BCC and the agent');

/** The compact message draft of Simplify: at most 10 fields, the body as a short text preview. */
export function simplifyDraft(draft: MessageDraft): IDataObject {
	const body = typeof draft.body_html === 'string' ? preview(htmlToText(draft.body_html)) : undefined;
	return pickFilled({ ...draft, preview: body }, SIMPLE_DRAFT_FIELDS);
}
