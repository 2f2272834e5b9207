import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { FieldRow } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/operations';
import { itemFormatter } from '../../../shared/output';
import { quote } from '../../../shared/quote';
import type { InputCheck } from '../../../shared/validation';
import { draftNotFound, draftPath, draftShape } from '../../api';
import { agentryFields } from '../../descriptions/fields';
import { draftRLC, inboxRLC } from '../../descriptions/rlc.description';
import { simpleDraftField, simplifyDraft } from '../../output';
import { readDraftTarget } from '../draftTarget';

/** The fields Agentry lets a PATCH change, and those it lets a PATCH empty. */
const updatable = (row: FieldRow) => row.updatable === true;
const clearable = (row: FieldRow) => row.cleared !== undefined;
const paramsOf = (which: (row: FieldRow) => boolean) =>
	agentryFields.rows.filter((row) => row.param && which(row)).map((row) => row.param as string);

const properties: INodeProperties[] = [
	inboxRLC,
	draftRLC('The draft to change'),
	simpleDraftField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change; the others keep their values. Fields left empty are not sent.',
		options: agentryFields.sortedProperties(paramsOf(updatable)),
	},
	{
		displayName: 'Clear Fields',
		name: 'clearFields',
		type: 'multiOptions',
		options: agentryFields
			.sortedProperties(paramsOf(clearable))
			.map(({ displayName, name }) => ({ name: displayName, value: name })),
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
	return [outputItem(itemIndex, itemFormatter(this, itemIndex, simplifyDraft)(draft))];
}

/** The PATCH body: the fields given a value, and an empty value for each field to clear. */
function patchOf(check: InputCheck, updates: IDataObject, clear: string[]): IDataObject {
	const patch: IDataObject = {};
	for (const [name, value] of Object.entries(updates)) {
		const field = agentryFields.row(name);
		if (!field || !updatable(field)) {
			check.fail(`${quote(name)} cannot be updated. Agentry can change: ${agentryFields.labels(updatable).join(', ')}`);
		}
		const checked = agentryFields.read(check, name, value);
		if (checked !== undefined) patch[field.api] = checked;
	}
	for (const name of clear) {
		const field = agentryFields.row(name);
		if (!field || !clearable(field)) {
			check.fail(`${quote(name)} cannot be cleared. Agentry can clear: ${agentryFields.labels(clearable).join(', ')}`);
		}
		if (patch[field.api] !== undefined) {
			check.fail(`${field.label} is both set and cleared`, `Remove ${field.label} from Update Fields or from Clear Fields.`);
		}
		patch[field.api] = field.cleared;
	}
	if (Object.keys(patch).length === 0) {
		check.fail('Nothing to update: set a value in Update Fields, or choose fields in Clear Fields');
	}
	return patch;
}
