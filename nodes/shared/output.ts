import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** How long a simplified text preview may be: enough to recognize a message, short for a model. */
export const PREVIEW_LENGTH = 80;

/** The text of an HTML fragment: tags, scripts and styles gone, entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
	return withoutScripts(html)
		.replace(/<[^<>]+>/g, ' ')
		.replace(/&(#\d+|[a-z]+);/gi, (entity, name: string) =>
			name.startsWith('#') ? String.fromCharCode(Number(name.slice(1))) : (named[name.toLowerCase()] ?? entity),
		)
		.replace(/\s+/g, ' ')
		.trim();
}

const SCRIPT_START = /<(script|style)/gi;
const SCRIPT_END: Record<string, RegExp> = { script: /<\/script>/gi, style: /<\/style>/gi };

/**
 * The HTML without its script and style elements (an unclosed one runs to the end), read in one
 * pass: a pattern such as /<script[\s\S]*?<\/script>/ rescans the rest after every unclosed tag.
 */
function withoutScripts(html: string): string {
	let text = '';
	let from = 0;
	SCRIPT_START.lastIndex = 0;
	for (let start = SCRIPT_START.exec(html); start; start = SCRIPT_START.exec(html)) {
		text += `${html.slice(from, start.index)} `;
		const end = SCRIPT_END[start[1].toLowerCase()];
		end.lastIndex = SCRIPT_START.lastIndex;
		if (!end.exec(html)) return text;
		from = end.lastIndex;
		SCRIPT_START.lastIndex = from;
	}
	return text + html.slice(from);
}

/** A text cut to `length` characters, with an ellipsis when cut. */
export function preview(text: string, length = PREVIEW_LENGTH): string {
	return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** The named fields of `source` in that order, leaving out empty ones (null, '', []). */
export function pickFilled(source: IDataObject, keys: readonly string[]): IDataObject {
	const picked: IDataObject = {};
	for (const key of keys) {
		const value = source[key];
		const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
		if (!empty) picked[key] = value;
	}
	return picked;
}

/** The Simplify switch of n8n's UX guidelines, saying which fields the simplified output keeps. */
export function simplifyField(kept: readonly string[], turnOffFor: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simple',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		hint: `Simplified output keeps ${kept.join(', ')}, leaving out empty ones; turn off for ${turnOffFor}`,
	};
}

/** How records are output: compact when Simplify is on, as the API answered otherwise. */
export function simplifyWhen<T extends IDataObject>(simple: boolean, simplify: (record: T) => IDataObject): (record: T) => IDataObject {
	return simple ? simplify : (record) => record;
}

/** An item's records, compact when its Simplify switch is on. */
export function itemFormatter<T extends IDataObject>(
	context: IExecuteFunctions,
	itemIndex: number,
	simplify: (record: T) => IDataObject,
): (record: T) => IDataObject {
	return simplifyWhen(context.getNodeParameter('simple', itemIndex, true) === true, simplify);
}
