import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { quote } from '../../../shared/quote';
import type { InputCheck } from '../../../shared/validation';
import { draftNotFound, draftPath, draftShape } from '../../api';
import { simpleDraftField } from '../../output';
import { draftIdField, inboxIdField, readDraftTarget } from '../fields';
import {
	bccField,
	bodyText,
	ccField,
	draftFormatter,
	htmlField,
	replyToField,
	sendAtField,
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

/**
 * What Clear Fields can empty: text fields become an empty string and address lists an empty
 * list, the only empty values the reference's types allow. It has no way to unschedule a draft,
 * so Send At is not among them.
 */
const CLEARABLE: UpdatableField[] = (Object.keys(UPDATABLE) as UpdatableField[]).filter((name) => name !== 'sendAt');

const properties: INodeProperties[] = [
	inboxIdField,
	draftIdField('The draft to change'),
	simpleDraftField,
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
		options: CLEARABLE.map((value) => ({ name: UPDATABLE[value].label, value })),
		default: [],
		description:
			"Fields to empty on the draft. Send At can't be cleared: Agentry has no way to unschedule a draft, so delete it or set another Send At instead.",
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
	const draft = await client.request(
		{
			method: 'PATCH',
			path: draftPath(inboxId, draftId),
			body: patch,
			notFound: draftNotFound(inboxId, draftId),
			itemIndex,
		},
		draftShape,
	);
	return [outputItem(itemIndex, draftFormatter(this, itemIndex)(draft))];
}

/** The PATCH body: the fields given a value, and an empty value for each field to clear. */
function patchOf(check: InputCheck, updates: IDataObject, clear: string[]): IDataObject {
	const patch: IDataObject = {};
	for (const [name, value] of Object.entries(updates)) {
		const field = UPDATABLE[name as UpdatableField];
		if (!field) check.fail(`${quote(name)} cannot be updated. Agentry can change: ${labels(Object.keys(UPDATABLE)).join(', ')}`);
		const checked = checkedValue(check, name as UpdatableField, value);
		if (checked !== undefined) patch[field.apiName] = checked;
	}
	for (const name of clear) {
		if (!CLEARABLE.includes(name as UpdatableField)) {
			check.fail(`${quote(name)} cannot be cleared. Agentry can clear: ${labels(CLEARABLE).join(', ')}`);
		}
		const field = UPDATABLE[name as UpdatableField];
		if (patch[field.apiName] !== undefined) {
			check.fail(`${field.label} is both set and cleared`, `Remove ${field.label} from Update Fields or from Clear Fields.`);
		}
		patch[field.apiName] = ADDRESS_FIELDS.has(name as UpdatableField) ? [] : '';
	}
	if (Object.keys(patch).length === 0) {
		check.fail('Nothing to update: set a value in Update Fields, or choose fields in Clear Fields');
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
	if (name === 'sendAt') return value ? check.sendAt(value, label) : undefined;
	if (name === 'subject') return check.line(value, label) || undefined;
	return bodyText(check, value, label);
}

function labels(names: string[]): string[] {
	return names.map((name) => UPDATABLE[name as UpdatableField].label);
}
