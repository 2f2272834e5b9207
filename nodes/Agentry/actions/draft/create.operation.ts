import { createHash, randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonWithBase64 } from '../../../shared/binary';
import { deduplicationKeyField, deduplicationKeyOf, exactlyOnce } from '../../../shared/deduplication';
import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import { type ItemContext, readId, type RunMemo } from '../../../shared/operations';
import { itemFormatter } from '../../../shared/output';
import { quote } from '../../../shared/quote';
import type { InputCheck } from '../../../shared/validation';
import { draftShape, draftsPath, inboxNotFound } from '../../api';
import { agentryFields, labelsProperty } from '../../descriptions/fields';
import { inboxRLC } from '../../descriptions/rlc.description';
import { simpleDraftField, simplifyDraft } from '../../output';
import {
	attachmentBodies,
	type AttachmentBody,
	attachmentDetailFields,
	type AttachmentInput,
	attachmentSourceFields,
} from '../attachmentInput';

/** The fields of Additional Fields; To, Subject and Text have parameters of their own. */
const ADDITIONAL_FIELDS = ['bcc', 'cc', 'clientId', 'html', 'inReplyTo', 'replyTo', 'sendAt'];

const properties: INodeProperties[] = [
	{ ...inboxRLC, description: 'The inbox to create the draft in' },
	agentryFields.property('to'),
	agentryFields.property('subject'),
	agentryFields.property('text'),
	simpleDraftField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: agentryFields.sortedProperties(ADDITIONAL_FIELDS, [labelsProperty('Labels to tag the draft with.')]),
	},
	{
		displayName: 'Attachments',
		name: 'attachmentsUi',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attachment',
		default: {},
		description: 'Files to attach, each from a binary field of the input item or from a URL',
		options: [
			{
				displayName: 'Attachment',
				name: 'attachments',
				values: [...attachmentSourceFields, ...attachmentDetailFields],
			},
		],
	},
	optionsCollection([deduplicationKeyField]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['draft'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, item: ItemContext) {
	const key = deduplicationKeyOf(this, item);
	// The key's Client ID makes a create after a crash return the draft the crashed one made.
	return await exactlyOnce(this, item, key, async () => await create(this, item, key));
}

async function create(context: IExecuteFunctions, { itemIndex, run, check, client }: ItemContext, key?: string) {
	const inboxId = readId(context, check, 'inboxId', 'Inbox');
	const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const param = (name: string) => context.getNodeParameter(name, itemIndex, '');
	const values = { ...fields, to: param('to'), subject: param('subject'), text: param('text') };
	const body = agentryFields.body(check, values, ['to', 'subject', 'text', 'labels', ...ADDITIONAL_FIELDS]);
	body.client_id ??=
		key === undefined
			? defaultClientId(run.get('clientIdRun', () => runIdentity(context)), itemIndex)
			: keyClientId(context, key);

	const entries = (context.getNodeParameter('attachmentsUi.attachments', itemIndex, []) ?? []) as AttachmentInput[];
	const attachments: AttachmentBody[] = [];
	for (const entry of entries) attachments.push(...(await attachmentBodies(context, check, entry)));
	claimClientId(run, check, inboxId, body.client_id as string, contentDigest(body, attachments));

	const draft = await client.request(
		{
			method: 'POST',
			path: draftsPath(inboxId),
			// Attachment content is encoded straight into the request body, never as a second copy.
			body: attachments.length > 0 ? jsonWithBase64({ ...body, attachments }) : body,
			// The client_id makes a repeated create return the first draft, so a retry is safe.
			safety: 'idempotent',
			notFound: inboxNotFound(inboxId),
			itemIndex,
		},
		draftShape,
	);
	return [outputItem(itemIndex, itemFormatter(context, itemIndex, simplifyDraft)(draft))];
}

/**
 * Agentry answers a create whose Client ID it has seen in the inbox with the existing draft,
 * whatever the rest of the body says: two items of one run with one Client ID and different
 * content would silently become one draft. So the first item to use a Client ID claims it with
 * its content; a later item with the same content is a repeat (and gets the same draft), one with
 * other content fails before anything is sent.
 */
function claimClientId(run: RunMemo, check: InputCheck, inboxId: string, clientId: string, digest: string) {
	const claims = run.get('clientIdClaims', () => new Map<string, { itemIndex: number; digest: string }>());
	const key = `${inboxId}\n${clientId}`;
	const claim = claims.get(key);
	if (!claim) claims.set(key, { itemIndex: check.itemIndex, digest });
	else if (claim.digest !== digest) {
		check.fail(
			`Client ID ${quote(clientId)} is already used by item ${claim.itemIndex} of this run, which has other content`,
			`Agentry would return item ${claim.itemIndex}'s draft instead of creating this one. Give each draft its own Client ID (e.g. from the item's data), or leave Client ID empty.`,
		);
	}
}

/** A digest of everything a create sends, attachments' bytes included. */
function contentDigest(body: IDataObject, attachments: AttachmentBody[]): string {
	const hash = createHash('sha256').update(JSON.stringify(body));
	for (const { content, ...details } of attachments) {
		hash.update(JSON.stringify(details));
		if (content) hash.update(content);
	}
	return hash.digest('base64url');
}

/**
 * What tells this node run apart from every other, anywhere: the n8n instance (its ID comes from
 * its encryption key, so queue-mode workers share it and staging and production differ), the
 * workflow, the execution, the node and the run. Without an execution ID, which n8n always sets
 * when it runs a workflow, a random value still covers the transport's retries.
 */
function runIdentity(context: IExecuteFunctions): string {
	const executionId = context.getExecutionId();
	if (!executionId) return randomUUID();
	const runIndex = context.getWorkflowDataProxy(0).$runIndex ?? 0;
	return [context.getInstanceId(), context.getWorkflow().id, executionId, context.getNode().id, runIndex].join('\n');
}

/**
 * Agentry's idempotency key for a create that the user gave no Client ID: a hash of the run's
 * identity and the item, so every retry of this item (by the transport or by the node's Retry On
 * Fail) sends the same key and gets the same draft, while other items, runs, executions and n8n
 * instances get drafts of their own. Compact, since it stays on the draft.
 */
function defaultClientId(runIdentity: string, itemIndex: number): string {
	return `n8n-${createHash('sha256').update(`${runIdentity}\n${itemIndex}`).digest('base64url').slice(0, 32)}`;
}

/**
 * Agentry's idempotency key for an item with a Deduplication Key: the same for every execution
 * of this node with that key (on any worker of this n8n instance), so that creating again after
 * a crash returns the draft the crashed execution made.
 */
function keyClientId(context: IExecuteFunctions, key: string): string {
	const identity = [context.getInstanceId(), context.getWorkflow().id, context.getNode().id, key].join('\n');
	return `n8n-key-${createHash('sha256').update(identity).digest('base64url').slice(0, 32)}`;
}
