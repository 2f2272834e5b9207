import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InputCheck } from './validation';
import { INITIAL_WINDOW } from './concurrency';
import { DEFAULT_SETTINGS, type RequestSettings } from './transport';

/**
 * The most items a run may keep in flight, and the default maximum: against an API taking 200 ms,
 * n8n's CPU keeps over 100 items busy, and the window, which adapts, needs no lower default.
 */
export const MAX_CONCURRENCY = 200;
export const DEFAULT_MAX_CONCURRENCY = 200;
export const MAX_RETRIES = 20;
/** The longest timer Node.js keeps: a longer one fires after 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Options every operation offers, added to its own "Options" collection. */
export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
		default: DEFAULT_MAX_CONCURRENCY,
		description:
			`The most items to send at the same time. The node starts with up to ${INITIAL_WINDOW} and sends more while the API answers quickly; it sends fewer when answers slow down (the API is queueing requests), and halves them when the API answers 429 or 503 or drops connections. 1 sends items one after another. Output order and item linking stay those of the input.`,
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_RETRIES },
		default: 10, // DEFAULT_SETTINGS.maxRetries (a test keeps them equal)
		description:
			'How often to retry a request that was rate-limited or failed on the server or network, with growing waits (10 retries take about a minute and a half at most). 0 turns retries off. Creates and sends whose outcome is unknown are never repeated.',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_MS },
		default: 30000,
		description: 'How long to wait for each response before giving up on it, in milliseconds',
	},
];

/** Reads Max Retries and Timeout of an item's options. */
export function requestSettings(context: IExecuteFunctions, check: InputCheck): RequestSettings {
	return settingsOf(context.getNodeParameter('options', check.itemIndex, {}) as Record<string, unknown>, check);
}

/** Max Retries and Timeout of an "Options" collection's values. */
export function settingsOf(options: Record<string, unknown>, check: InputCheck): RequestSettings {
	const maxRetries = options.maxRetries ?? DEFAULT_SETTINGS.maxRetries;
	const timeout = options.timeout ?? DEFAULT_SETTINGS.timeoutMs;
	return {
		maxRetries: check.integer(maxRetries, 'Max Retries', 0, MAX_RETRIES),
		timeoutMs: check.integer(timeout, 'Timeout', 1, MAX_TIMEOUT_MS),
	};
}

/** Reads Max Concurrency from the first item's options: it applies to the whole run. */
export function maxConcurrencyOf(context: IExecuteFunctions, check: InputCheck): number {
	if (context.getInputData().length === 0) return 1;
	const options = context.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	return check.integer(options.concurrency ?? DEFAULT_MAX_CONCURRENCY, 'Max Concurrency', 1, MAX_CONCURRENCY);
}

/** An operation's "Options" collection: its own options and the request options, sorted. */
export function optionsCollection(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortedByDisplayName([...own, ...requestOptionFields]),
	};
}

/** Properties in the order n8n lists a collection's options: by display name. */
export function sortedByDisplayName(properties: INodeProperties[]): INodeProperties[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Return All and Limit, as n8n's list operations show them. */
export function returnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

export interface PickerSpec {
	displayName: string;
	name: string;
	description: string;
	/** The list search method of "From List" and what its empty box says, e.g. "Select a draft...". */
	searchListMethod: string;
	listPlaceholder: string;
	/** The typed mode: an ID ("By ID") or a name ("By Name"), with its example. */
	typed: { mode: 'id' | 'name'; placeholder: string; hint?: string };
	required?: boolean;
	hint?: string;
}

/** A resource locator as n8n's own nodes have them: pick from a searchable list, or type the value. */
export function pickerField(spec: PickerSpec): INodeProperties {
	const { typed } = spec;
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...(spec.required ? { required: true } : {}),
		description: spec.description,
		...(spec.hint ? { hint: spec.hint } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: spec.listPlaceholder,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: typed.mode === 'id' ? 'By ID' : 'By Name',
				name: typed.mode,
				type: 'string',
				placeholder: typed.placeholder,
				...(typed.hint ? { hint: typed.hint } : {}),
			},
		],
	};
}

/** The draft picker both APIs have: their drafts from `searchDrafts`, or an ID like `idExample`. */
export function draftPicker(description: string, idExample: string): INodeProperties {
	return pickerField({
		displayName: 'Draft',
		name: 'draftId',
		description,
		searchListMethod: 'searchDrafts',
		listPlaceholder: 'Select a draft...',
		typed: { mode: 'id', placeholder: `e.g. ${idExample}` },
		required: true,
	});
}

/** A list operation's or a trigger's "Filters" collection. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}
