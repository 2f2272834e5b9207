import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { filtersCollection } from '../shared/descriptions';
import { quote } from '../shared/quote';
import type { InputCheck } from '../shared/validation';
import { simplifyWhen } from '../shared/output';
import type { MessageDraft } from '../HyperRep/api';
import { folderRLC } from '../HyperRep/descriptions/rlc.description';
import { simplifyDraft } from '../HyperRep/output';

export const NEW_MESSAGE_DRAFT = 'newMessageDraft';

export const eventField: INodeProperties = {
	displayName: 'Trigger On',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'New Message Draft',
			value: 'newMessageDraft',
			description: 'A message draft was created in the organization (by a person, an AI agent or a sequence)',
		},
	],
	default: 'newMessageDraft',
};

const MODALITIES = ['both', 'email', 'text'] as const;
type Modality = (typeof MODALITIES)[number];

export const filtersField: INodeProperties = filtersCollection([
	folderRLC(
		'Only drafts filed in this folder',
		'Matched as HyperRep normalizes folder names: Sales Follow-up is sales-follow-up',
	),
	{
		displayName: 'Modality',
		name: 'modality',
		type: 'options',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Email and Text', value: 'both' },
			{ name: 'Text', value: 'text' },
		],
		default: 'both',
		description: 'Whether to trigger on email drafts, text message drafts, or both',
	},
	{
		displayName: 'Saved for Review Only',
		name: 'savedForReviewOnly',
		type: 'boolean',
		default: true,
		description:
			'Whether to trigger only on drafts saved for someone to review, leaving out drafts queued to send at once',
	},
]);

export interface DraftFilters {
	/** The folder's normalized name, or undefined for every folder. */
	folder?: string;
	modality: Modality;
	savedForReviewOnly: boolean;
}

/**
 * HyperRep's folder normalization as documented (Sales Follow-up -> sales-follow-up), applied to
 * both sides of a comparison so that a name typed as shown in HyperRep or as stored both match.
 */
export function folderKey(name: string): string {
	return name
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

/** Reads and checks the event and filters; fails before any request on a value that cannot work. */
export function readFilters(context: IPollFunctions, check: InputCheck): DraftFilters {
	const event = context.getNodeParameter('event', NEW_MESSAGE_DRAFT);
	if (event !== NEW_MESSAGE_DRAFT) check.fail(`Trigger On ${quote(event)} is not an event of this trigger`, 'Choose New Message Draft.');
	const filters = context.getNodeParameter('filters', {}) as IDataObject;

	const folderValue = filters.folder as IDataObject | string | undefined;
	const folderName = check.line(typeof folderValue === 'object' ? folderValue?.value : folderValue, 'Folder');
	const folder = folderName === '' ? undefined : folderKey(folderName);
	if (folder === '') {
		check.fail(`Folder ${quote(folderName)} has no letters or digits`, 'Pick a folder from the list, or type its name as shown in HyperRep.');
	}

	const modality = filters.modality ?? 'both';
	if (!MODALITIES.includes(modality as Modality)) {
		check.fail(`Modality ${quote(modality)} is not one of email, text or both`, 'Choose Email, Text, or Email and Text.');
	}
	const savedForReviewOnly = check.boolean(filters.savedForReviewOnly ?? false, 'Saved for Review Only');
	return { folder, modality: modality as Modality, savedForReviewOnly };
}

export function matches(draft: MessageDraft, filters: DraftFilters): boolean {
	if (filters.folder !== undefined && folderKey(String(draft.folder ?? '')) !== filters.folder) return false;
	if (filters.modality !== 'both' && draft.modality !== filters.modality) return false;
	// A draft saved for review has no queue time; one queued to send has scheduled_send_at.
	if (filters.savedForReviewOnly && draft.scheduled_send_at) return false;
	return true;
}

/** How drafts are output: compact when Simplify is on. */
export function draftFormatter(context: IPollFunctions, check: InputCheck): (draft: MessageDraft) => IDataObject {
	const simple = check.boolean(context.getNodeParameter('simple', true), 'Simplify');
	return simplifyWhen(simple, simplifyDraft);
}
