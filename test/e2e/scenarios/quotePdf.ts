import assert from 'node:assert/strict';

import type { Scenario } from '../scenario';
import { AGENTRY_CREATE, body, example, requests } from './support';

/** examples/quote-pdf-draft-and-send.json */
export const quotePdf: Scenario = {
	title: 'Example: quote PDF (binary data) attached to an Agentry draft, then sent',
	workflow: example('exQuotePdfSend01'),
	checks: (run, { sandbox }) => ({
		'the draft carried the PDF byte for byte, with its file name and type': () => {
			const rendered = Buffer.from(String(run.json('Render quote PDF')[0]?.pdf), 'base64');
			assert.equal(rendered.subarray(0, 5).toString('latin1'), '%PDF-');
			const [create] = requests(sandbox, 'POST', AGENTRY_CREATE).map(body);
			const attachments = (create?.attachments ?? []) as Array<Record<string, string>>;
			assert.equal(attachments.length, 1);
			assert.equal(attachments[0].filename, 'quote-Q-1042.pdf');
			assert.equal(attachments[0].content_type, 'application/pdf');
			assert.ok(Buffer.from(attachments[0].content, 'base64').equals(rendered), 'the uploaded bytes differ from the rendered PDF');
		},
		'the draft was then sent, once': () => {
			const [draft] = run.json('Draft with quote attached');
			assert.equal(draft?.attachment_count, 1);
			const sends = requests(sandbox, 'POST', /\/drafts\/[^/]+\/send$/);
			assert.deepEqual(sends.map((entry) => entry.path), [`/human/v0/inboxes/sales%40agentry.test/drafts/${String(draft.draft_id)}/send`]);
			assert.deepEqual(run.json('Send quote'), [{ draft_only: false, inbox_id: 'sales@agentry.test', status: 'sent', draft_id: draft.draft_id }]);
		},
	}),
};
