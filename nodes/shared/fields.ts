import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { sortedByDisplayName } from './descriptions';
import type { FieldLabels } from './errors';
import type { InputCheck } from './validation';

/** Reads a parameter's value into the API's; undefined leaves the field out of the request. */
export type ReadField = (check: InputCheck, value: unknown, label: string) => unknown;

/**
 * One field of an API, as every part of a node sees it: the editor's parameter, the request's
 * field, the label in error messages, the check, whether Update can change or clear it and
 * whether Simplify keeps it. A table of these is the one place a field is written.
 */
export interface FieldRow {
	/** The node parameter, for a field the user sets. */
	param?: string;
	/** The field's name in requests. */
	api: string;
	/** Its name in the API's answers, where that differs (or the listed field that shows it). */
	listed?: string;
	/** What the editor and error messages call it. */
	label?: string;
	/** For a list: what one entry is called in error messages (`to[0]` is "To, first address"). */
	entry?: string;
	read?: ReadField;
	/** The editor's parameter; its display name is the label and its name the param unless given. */
	property?: Partial<INodeProperties>;
	/** Update can change it. */
	updatable?: boolean;
	/** The value that empties it, where Clear Fields can. */
	cleared?: '' | [];
	/** Simplify keeps it (in the table's order). */
	simple?: boolean;
	/**
	 * Whether a listed record's value is what a request sent (undefined when the field was not sent),
	 * for a lookup that finds what a request with an unknown outcome made; without it, not compared.
	 */
	sameAs?: (listed: unknown, sent: unknown) => boolean;
}

/** The rows of a table, found by parameter name. */
export class FieldTable {
	private readonly byParam = new Map<string, FieldRow>();

	constructor(readonly rows: readonly FieldRow[]) {
		for (const row of rows) if (row.param && !this.byParam.has(row.param)) this.byParam.set(row.param, row);
	}

	row(param: string): FieldRow | undefined {
		return this.byParam.get(param);
	}

	label(param: string): string {
		return this.field(param).label ?? param;
	}

	/** The editor's parameter of a field, with any of its settings given anew. */
	property(param: string, overrides: Partial<INodeProperties> = {}): INodeProperties {
		const row = this.field(param);
		return { displayName: row.label, name: param, ...row.property, ...overrides } as INodeProperties;
	}

	/** The editor's parameters of several fields, in the order n8n lists a collection's options. */
	sortedProperties(params: readonly string[], more: INodeProperties[] = []): INodeProperties[] {
		return sortedByDisplayName([...params.map((param) => this.property(param)), ...more]);
	}

	/** A field's value as the API takes it, checked; undefined when it is not to be sent. */
	read(check: InputCheck, param: string, value: unknown): unknown {
		const row = this.field(param);
		return row.read ? row.read(check, value, this.label(param)) : value;
	}

	/**
	 * The request fields of `params`, each read from `values` and checked, in the table's order;
	 * empty ones left out. Other keys of `values` are ignored.
	 */
	body(check: InputCheck, values: IDataObject, params: readonly string[]): IDataObject {
		const body: IDataObject = {};
		for (const row of this.rows) {
			if (!row.param || !params.includes(row.param)) continue;
			const value = this.read(check, row.param, values[row.param]);
			if (value !== undefined) body[row.api] = value;
		}
		return body;
	}

	/** The labels of the fields matching `which`, sorted, for editor options and messages. */
	labels(which: (row: FieldRow) => boolean): string[] {
		return this.rows
			.filter((row) => row.param && row.label && which(row))
			.map((row) => row.label as string)
			.sort((a, b) => a.localeCompare(b));
	}

	/** The names in the API's answers that Simplify keeps, in order. */
	simpleFields(): string[] {
		return this.rows.filter((row) => row.simple).map((row) => row.listed ?? row.api);
	}

	/**
	 * Whether a record the API lists has every compared field as the request body `sent` had it;
	 * only the request fields in `apis` when given.
	 */
	sameAsSent(record: IDataObject, sent: IDataObject, apis?: readonly string[]): boolean {
		return this.rows.every(
			(row) => !row.sameAs || (apis !== undefined && !apis.includes(row.api)) || row.sameAs(record[row.listed ?? row.api], sent[row.api]),
		);
	}

	/** How API errors name the fields: the first row of a request field gives its label. */
	fieldLabels(): FieldLabels {
		const labels: FieldLabels = {};
		for (const row of this.rows) {
			if (!row.label || row.api in labels) continue;
			labels[row.api] = row.entry ? { label: row.label, entry: row.entry } : row.label;
		}
		return labels;
	}

	private field(param: string): FieldRow {
		const row = this.byParam.get(param);
		if (!row) throw new Error(`No field "${param}" in the table`);
		return row;
	}
}
