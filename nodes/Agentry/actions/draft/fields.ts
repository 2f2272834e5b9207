import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InputCheck } from '../../../shared/validation';
import { MAX_BODY_LENGTH } from '../../../shared/validation';
import type { Draft } from '../../api';
import { simplifyDraft } from '../../output';

/** An address list parameter: comma-separated text, or a list from an expression. */
function addressField(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder: 'e.g. jane@example.com, Joe Doe <joe@example.com>',
		description: `${description}. Separate addresses with commas, or pass a list from an expression. Each is user@domain.com or Display Name &lt;user@domain.com&gt;.`,
	};
}

export const toField = addressField('To', 'to', 'Addresses of the recipients');
export const ccField = addressField('CC', 'cc', 'Addresses to copy');
export const bccField = addressField('BCC', 'bcc', 'Addresses to blind-copy');
export const replyToField = addressField('Reply-To', 'replyTo', 'Addresses replies should go to');

export const subjectField: INodeProperties = {
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	default: '',
	description: 'The subject line of the email',
};

export const textField: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'The plain-text body of the email',
};

export const htmlField: INodeProperties = {
	displayName: 'HTML',
	name: 'html',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	placeholder: 'e.g. <p>Hi Jane,</p>',
	description: 'The HTML body of the email. Give it along with Text so that every mail client can show the message.',
};

export const sendAtField: INodeProperties = {
	displayName: 'Send At',
	name: 'sendAt',
	type: 'dateTime',
	default: '',
	description:
		"When Agentry should send the draft on its own, in the workflow's time zone unless the value has one. Without it the draft waits until it is sent.",
};

/** How the item's drafts are output: compact when Simplify is on. */
export function draftFormatter(context: IExecuteFunctions, itemIndex: number): (draft: Draft) => IDataObject {
	const simple = context.getNodeParameter('simple', itemIndex, true) === true;
	return (draft) => (simple ? simplifyDraft(draft) : draft);
}

/** An email body, sent as written; a blank one is not sent at all. */
export function bodyText(check: InputCheck, value: unknown, field: string): string | undefined {
	const text = check.text(value, field, MAX_BODY_LENGTH);
	return text.trim() === '' ? undefined : text;
}
