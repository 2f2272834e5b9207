import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { outputItem } from '../../../shared/execute';
import type { ItemContext } from '../../../shared/operations';
import { createdDraftShape, organizationPath } from '../../api';
import { hyperRepFields } from '../../descriptions/fields';
import { folderRLC } from '../../descriptions/rlc.description';

/** The recipient and content fields of each modality. */
const MODALITY_FIELDS = {
	email: ['toEmail', 'cc', 'bcc', 'subject', 'bodyHtml'],
	text: ['toPhoneNumber', 'textBody'],
};

const properties: INodeProperties[] = [
	...['modality', 'toName', 'toEmail', 'toPhoneNumber', 'cc', 'bcc', 'subject', 'bodyHtml', 'textBody', 'delivery', 'notifyTeam'].map(
		(name) => hyperRepFields.property(name),
	),
	{
		...folderRLC('The folder to file the draft in. Empty files it in "drafts".'),
		hint: 'A new name creates the folder. HyperRep normalizes names: Sales Follow-up becomes sales-follow-up.',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['messageDraft'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, { itemIndex, check, client }: ItemContext) {
	const param = (name: string, fallback: unknown = '') => this.getNodeParameter(name, itemIndex, fallback);
	const modality = hyperRepFields.read(check, 'modality', param('modality')) as keyof typeof MODALITY_FIELDS;
	const values: IDataObject = {
		modality,
		toName: param('toName'),
		folder: this.getNodeParameter('folder', itemIndex, '', { extractValue: true }),
	};
	for (const name of MODALITY_FIELDS[modality]) values[name] = param(name);
	// One choice, so the forbidden autosend + notification combination cannot be built.
	values.delivery = param('delivery', 'saveForReview');
	values.notifyTeam = values.delivery === 'sendNow' ? false : param('notifyTeam', true);
	const body = hyperRepFields.body(check, values, Object.keys(values));

	if (modality === 'email' && !body.subject && !body.body_html) {
		check.fail('An email draft needs a subject or a body: fill in Subject, Body (HTML), or both');
	}
	if (modality === 'text' && !body.body_html) check.fail('A text draft needs a body: fill in Body with the message text');

	const created = await client.request(
		{
			method: 'POST',
			path: await organizationPath(client, itemIndex),
			body,
			// No idempotency key: a create whose outcome is unknown must not be sent twice.
			safety: 'unsafe',
			ifOutcomeUnknown: {
				effect: 'the draft may already exist',
				check: 'List the message drafts of the organization (Get Many) to see whether it was created before running this item again.',
			},
			itemIndex,
		},
		createdDraftShape,
	);
	return [outputItem(itemIndex, created)];
}
