import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import type { InputCheck } from '../../../shared/validation';
import { draftNotFound, draftPath, isDraft } from '../../api';
import { draftIdField, inboxIdField, readDraftTarget } from '../fields';
import {
	bccField,
	bodyText,
	ccField,
	draftFormatter,
	htmlField,
	replyToField,
	sendAtField,
	simpleField,
	subjectField,
	textField,
	toField,
} from './fields';

/** The fields Agentry lets a PATCH change, by parameter name, with their API names. */
const UPDATABLE = {
	bcc: { apiName: 'bcc', label: 'BCC' },
	cc: { apiName: 'cc', label: 'CC' },
	html: { apiName: 'html', label: 'HTML' },
	replyTo: { apiName: 'reply_to', label: 'Reply-To' },
	sendAt: { apiName: 'send_at', label: 'Send At' },
	subject: { apiName: 'subject', label: 'Subject' },
	text: { apiName: 'text', label: 'Text' },
	to: { apiName: 'to', label: 'To' },
} as const;

type UpdatableField = keyof typeof UPDATABLE;

const ADDRESS_FIELDS = new Set<UpdatableField>(['bcc', 'cc', 'replyTo', 'to']);

const properties: INodeProperties[] = [
	inboxIdField,
	draftIdField('The draft to change'),
	simpleField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change; the others keep their values. Fields left empty are not sent.',
		options: [bccField, ccField, htmlField, replyToField, sendAtField, subjectField, textField, toField],
	},
	{
		displayName: 'Clear Fields',
		name: 'clearFields',
		type: 'multiOptions',
		options: Object.entries(UPDATABLE).map(([value, { label }]) => ({ name: label, value })),
		default: [],
		description: 'Fields to remove from the draft. Clearing Send At unschedules the draft.',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['draft'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const { inboxId, draftId } = readDraftTarget(this, check);
	const patch = patchOf(
		check,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		check.stringList(this.getNodeParameter('clearFields', itemIndex, []), 'Clear Fields'),
	);
	const body = await client.request<unknown>({
		method: 'PATCH',
		path: draftPath(inboxId, draftId),
		body: patch,
		notFound: draftNotFound(inboxId, draftId),
		itemIndex,
	});
	const draft = client.expectShape(body, isDraft, 'the updated draft with a draft_id', itemIndex);
	return [outputItem(itemIndex, draftFormatter(this, itemIndex)(draft))];
}

/** The PATCH body: the fields given a value, and `null` for each field to clear. */
function patchOf(check: InputCheck, updates: IDataObject, clear: string[]): IDataObject {
	const patch: IDataObject = {};
	for (const [name, value] of Object.entries(updates)) {
		const field = UPDATABLE[name as UpdatableField];
		if (!field) check.fail(`"${name}" cannot be updated`, `Agentry can change: ${labels().join(', ')}.`);
		const checked = checkedValue(check, name as UpdatableField, value);
		if (checked !== undefined) patch[field.apiName] = checked;
	}
	for (const name of clear) {
		const field = UPDATABLE[name as UpdatableField];
		if (!field) check.fail(`"${name}" cannot be cleared`, `Agentry can clear: ${labels().join(', ')}.`);
		if (patch[field.apiName] !== undefined) {
			check.fail(`${field.label} is both set and cleared`, `Remove ${field.label} from Update Fields or from Clear Fields.`);
		}
		patch[field.apiName] = null;
	}
	if (Object.keys(patch).length === 0) {
		check.fail('Nothing to update', 'Set a value in Update Fields, or choose fields in Clear Fields.');
	}
	return patch;
}

/** A field's value for the API, or undefined when it is empty and so not sent. */
function checkedValue(check: InputCheck, name: UpdatableField, value: unknown) {
	const { label } = UPDATABLE[name];
	if (ADDRESS_FIELDS.has(name)) {
		const addresses = check.addresses(value, label);
		return addresses.length > 0 ? addresses : undefined;
	}
	if (name === 'sendAt') return value ? check.dateTime(value, label) : undefined;
	if (name === 'subject') return check.text(value, label).trim() || undefined;
	return bodyText(check, value, label);
}

function labels(): string[] {
	return Object.values(UPDATABLE).map(({ label }) => label);
}
