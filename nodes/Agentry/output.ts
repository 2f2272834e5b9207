import type { IDataObject } from 'n8n-workflow';

import { pickFilled, preview, simplifyField } from '../shared/output';
import type { Draft } from './api';
import { agentryFields } from './descriptions/fields';

/** What identifies a draft and what a person or a model scans a list of drafts for. */
const SIMPLE_DRAFT_FIELDS = agentryFields.simpleFields();

export const simpleDraftField = simplifyField(
	[...SIMPLE_DRAFT_FIELDS, 'attachment_count'],
	'the inbox, bodies, CC, BCC, Reply-To and attachment details',
);

/** The compact draft of Simplify: at most 9 fields, so a trigger can add its event. */
export function simplifyDraft(draft: Draft): IDataObject {
	const compact = pickFilled({ ...draft, preview: previewOf(draft) }, SIMPLE_DRAFT_FIELDS);
	// A count only where the answer lists the attachments, never a guessed 0.
	if (Array.isArray(draft.attachments)) compact.attachment_count = draft.attachments.length;
	return compact;
}

function previewOf(draft: Draft): string | undefined {
	return typeof draft.preview === 'string' ? preview(draft.preview) : undefined;
}
