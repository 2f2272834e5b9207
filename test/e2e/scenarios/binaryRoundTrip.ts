import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import type { Scenario } from '../scenario';
import { agentry, code, manualTrigger, node, workflow } from '../workflow';
import { REVIEW_INBOX } from './support';

const inbox = { __rl: true, mode: 'id', value: REVIEW_INBOX };

/**
 * A file made in n8n goes up as an attachment and comes back down as binary data, in n8n's
 * default binary-data mode; every byte value appears, so any text re-encoding would show.
 */
export const binaryRoundTrip: Scenario = {
	title: "Binary attachment round trip in n8n's default binary-data mode",
	workflow: workflow(
		'e2eBinaryTrip001',
		'e2e: binary round trip',
		[
			manualTrigger(),
			code('File bytes', "const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));\nreturn [{ json: { file: bytes.toString('base64') } }];"),
			node('To file', 'n8n-nodes-base.convertToFile', 1.1, {
				operation: 'toBinary',
				sourceProperty: 'file',
				binaryPropertyName: 'data',
				options: { fileName: 'bytes.bin', mimeType: 'application/octet-stream' },
			}),
			agentry('Draft with file', {
				resource: 'draft',
				operation: 'create',
				inboxId: inbox,
				to: 'jane@example.com',
				subject: 'Round trip',
				simple: false,
				attachmentsUi: { attachments: [{ source: 'binaryData', binaryPropertyName: 'data' }] },
			}),
			agentry('Download', {
				resource: 'attachment',
				operation: 'get',
				inboxId: inbox,
				draftId: { __rl: true, mode: 'id', value: '={{ $json.draft_id }}' },
				attachmentId: { __rl: true, mode: 'id', value: '={{ $json.attachments[0].attachment_id }}' },
				options: { download: true },
			}),
			node('Hash', 'n8n-nodes-base.crypto', 2, { action: 'hash', type: 'SHA256', binaryData: true, binaryPropertyName: 'data', dataPropertyName: 'sha256' }),
		],
		[
			['Start', 'File bytes'],
			['File bytes', 'To file'],
			['To file', 'Draft with file'],
			['Draft with file', 'Download'],
			['Download', 'Hash'],
		],
	),
	checks: (run, { sandbox }) => {
		const original = () => Buffer.from(String(run.json('File bytes')[0]?.file), 'base64');
		return {
			'Agentry stored the file byte for byte': () => {
				const [draft] = run.json('Draft with file');
				const attachments = (draft?.attachments ?? []) as Array<{ attachment_id: string; filename?: string; content_type?: string }>;
				assert.equal(attachments.length, 1);
				assert.deepEqual([attachments[0].filename, attachments[0].content_type], ['bytes.bin', 'application/octet-stream']);
				assert.ok(sandbox.agentry.attachmentBytes(attachments[0].attachment_id)?.equals(original()), 'stored bytes differ');
			},
			'the download is binary data with the same bytes (SHA-256), name and type': () => {
				const expected = createHash('sha256').update(original()).digest('hex');
				assert.equal(run.json('Hash')[0]?.sha256, expected);
				const file = run.items('Download')[0]?.binary?.data;
				assert.deepEqual([file?.fileName, file?.mimeType], ['bytes.bin', 'application/octet-stream']);
			},
		};
	},
};
