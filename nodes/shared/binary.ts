import type { IExecuteFunctions } from 'n8n-workflow';

import { quote } from './quote';
import type { InputCheck } from './validation';

/** A file taken from a binary property of an input item. */
export interface BinaryFile {
	data: Buffer;
	filename?: string;
	contentType?: string;
}

/**
 * Reads a binary property of an input item. Goes through `getBinaryDataBuffer`, so it works
 * whether n8n keeps binary data in memory, on disk or in the database.
 */
export async function readBinary(
	context: IExecuteFunctions,
	check: InputCheck,
	propertyName: string,
): Promise<BinaryFile> {
	const name = check.line(propertyName, 'Binary Property');
	const binary = context.getInputData()[check.itemIndex]?.binary?.[name];
	if (!name || !binary) {
		const available = Object.keys(context.getInputData()[check.itemIndex]?.binary ?? {});
		check.fail(
			`The input item has no binary property ${quote(name)}`,
			available.length
				? `Its binary properties are: ${available.join(', ')}.`
				: 'The item has no binary data at all: add a node that reads or downloads the file first.',
		);
	}
	return {
		data: await context.helpers.getBinaryDataBuffer(check.itemIndex, name),
		filename: binary.fileName,
		contentType: binary.mimeType,
	};
}

// A multiple of 3, so that chunks encode to base64 without padding in between; small enough that
// each chunk's base64 string dies young instead of piling up until a full garbage collection.
const CHUNK_BYTES = 3 * 16 * 1024;
const QUOTE = Buffer.from('"');

/**
 * Serializes a JSON document in which Buffer values stand for base64 strings, straight into
 * one Buffer. A large attachment is encoded chunk by chunk into its final place, so a 20 MB file
 * never exists as a 27 MB base64 string next to a 27 MB JSON string.
 */
export function jsonWithBase64(value: unknown): Buffer {
	const parts: Array<Buffer | { bytes: Buffer }> = [];
	const add = (text: string) => parts.push(Buffer.from(text, 'utf8'));
	const walk = (node: unknown): void => {
		if (Buffer.isBuffer(node)) {
			parts.push(QUOTE, { bytes: node }, QUOTE);
		} else if (Array.isArray(node)) {
			add('[');
			node.forEach((entry, index) => {
				if (index > 0) add(',');
				walk(entry === undefined ? null : entry);
			});
			add(']');
		} else if (typeof node === 'object' && node !== null) {
			const entries = Object.entries(node).filter(([, entry]) => entry !== undefined);
			add('{');
			entries.forEach(([key, entry], index) => {
				add(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:`);
				walk(entry);
			});
			add('}');
		} else {
			add(JSON.stringify(node) ?? 'null');
		}
	};
	walk(value);

	const lengthOf = (part: Buffer | { bytes: Buffer }) =>
		Buffer.isBuffer(part) ? part.length : 4 * Math.ceil(part.bytes.length / 3);
	const out = Buffer.allocUnsafe(parts.reduce((total, part) => total + lengthOf(part), 0));
	let offset = 0;
	for (const part of parts) {
		if (Buffer.isBuffer(part)) {
			offset += part.copy(out, offset);
			continue;
		}
		for (let start = 0; start < part.bytes.length; start += CHUNK_BYTES) {
			const chunk = part.bytes.subarray(start, start + CHUNK_BYTES).toString('base64');
			offset += out.write(chunk, offset, 'latin1');
		}
	}
	return out;
}
