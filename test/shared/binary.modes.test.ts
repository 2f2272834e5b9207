import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import { randomBytes } from 'node:crypto';

import { useFilesystemBinaryData } from '../harness/binaryMode';
import { runNode } from '../harness/engine';
import { agentryCredentials, byId, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();
const INBOX = 'files@agentry.test';

test('attachments upload from binary data that n8n keeps on disk (filesystem mode)', async () => {
	const restore = await useFilesystemBinaryData();
	try {
		sandbox().agentry.addInbox({ email: INBOX, display_name: 'Files' });
		const draft = sandbox().agentry.addDraft(INBOX, { subject: 'With a file' });
		const bytes = randomBytes(300_001);
		const stored = await Container.get(BinaryDataService).store(
			{ type: 'execution', workflowId: 'test-workflow', executionId: 'test-execution' },
			bytes,
			{ mimeType: 'application/pdf', fileName: 'contract.pdf', data: '' },
		);
		expect(stored.id).toMatch(/^filesystem/);

		const { items, nodeError } = await runNode({
			type: 'agentry',
			parameters: {
				resource: 'attachment',
				operation: 'add',
				inboxId: byId(INBOX),
				draftId: byId(draft.draft_id),
				source: 'binaryData',
				binaryPropertyName: 'data',
			},
			credentials: agentryCredentials(sandbox()),
			input: [{ json: {}, binary: { data: stored } }],
		});
		expect(nodeError).toBeUndefined();
		expect(items[0].json).toMatchObject({ filename: 'contract.pdf', content_type: 'application/pdf', size: bytes.length });
		expect(sandbox().agentry.attachmentBytes(items[0].json.attachment_id as string)?.equals(bytes)).toBe(true);
	} finally {
		restore();
	}
});
