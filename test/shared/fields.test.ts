import { NodeOperationError, type INode, type INodeProperties } from 'n8n-workflow';

import { agentryFields } from '../../nodes/Agentry/descriptions/fields';
import { hyperRepFields } from '../../nodes/HyperRep/descriptions/fields';
import { FieldTable } from '../../nodes/shared/fields';
import { InputCheck } from '../../nodes/shared/validation';
import { nodeTypes } from '../harness/engine';
import { PACKAGE } from '../harness/registry';

const node: INode = { id: '1', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const check = new InputCheck(node, 0);

/** Every property of the nodes, those inside collections and fixed collections included. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...(property.options ?? []).flatMap((option) =>
			'values' in option ? allProperties(option.values) : 'type' in option ? allProperties([option as INodeProperties]) : [],
		),
	]);
}

describe.each([
	['Agentry', agentryFields, ['agentry', 'agentryTrigger']],
	['HyperRep', hyperRepFields, ['hyperRep', 'hyperRepTrigger']],
])('the %s field table', (_api, table, nodes) => {
	const shown = nodes.flatMap((name) => allProperties(nodeTypes.getByName(`${PACKAGE}.${name}`).description.properties));

	test('every field with an editor parameter is shown, under its label', () => {
		const rows = table.rows.filter((row) => row.param && row.property);
		expect(rows.length).toBeGreaterThan(5);
		for (const row of rows) {
			const displayName = row.property?.displayName ?? row.label;
			expect(shown.filter((property) => property.name === row.param).map((property) => property.displayName)).toContain(
				displayName,
			);
		}
	});

	test('every field a user sets has a label for the API’s errors', () => {
		const labels = table.fieldLabels();
		for (const row of table.rows.filter((row) => row.param)) expect(labels[row.api]).toBeDefined();
	});
});

describe('a field table', () => {
	const table = new FieldTable([
		{ api: 'id', simple: true },
		{ param: 'second', api: 'second_field', label: 'Second', read: (_check, value) => (value === '' ? undefined : value) },
		{ param: 'first', api: 'first_field', label: 'First', entry: 'entry' },
		{ param: 'alias', api: 'first_field', label: 'Alias' },
		{ api: 'stamp', listed: 'stamped_at', simple: true },
	]);

	test('builds a request from the parameters asked for, in the table’s order, leaving out empty values', () => {
		const body = table.body(check, { first: 1, second: 'two', unasked: 'x' }, ['first', 'second']);
		expect(Object.entries(body)).toEqual([
			['second_field', 'two'],
			['first_field', 1],
		]);
		expect(table.body(check, { second: '' }, ['second'])).toEqual({});
	});

	test('the first row of an API field names it in errors; a list names its entries', () => {
		expect(table.fieldLabels()).toEqual({ second_field: 'Second', first_field: { label: 'First', entry: 'entry' } });
	});

	test('Simplify keeps the simple rows, by their name in answers, in order', () => {
		expect(table.simpleFields()).toEqual(['id', 'stamped_at']);
	});

	test('labels are sorted for lists and messages', () => {
		expect(table.labels(() => true)).toEqual(['Alias', 'First', 'Second']);
	});

	test('a listed record is compared with what was sent on the fields that say how, under their listed names', () => {
		const compared = new FieldTable([
			{ param: 'to', api: 'to_email', listed: 'recipient', sameAs: (listed, sent) => listed === sent },
			{ param: 'note', api: 'note' },
		]);
		expect(compared.sameAsSent({ recipient: 'a@x.io', note: 'other' }, { to_email: 'a@x.io', note: 'mine' })).toBe(true);
		expect(compared.sameAsSent({ recipient: 'b@x.io' }, { to_email: 'a@x.io' })).toBe(false);
		expect(compared.sameAsSent({ recipient: 'b@x.io' }, { to_email: 'a@x.io' }, ['note'])).toBe(true);
	});

	test('a parameter the table does not have is a mistake in the node, said at once', () => {
		expect(table.row('nope')).toBeUndefined();
		expect(() => table.property('nope')).toThrow('No field "nope" in the table');
	});
});

test.each([
	['Agentry Content Disposition', () => agentryFields.read(check, 'contentDisposition', 'sideways'), /^Content Disposition must be "inline" or "attachment", not "sideways"/],
	['HyperRep Modality', () => hyperRepFields.read(check, 'modality', 'fax'), /^Modality must be "email" or "text", not "fax"/],
])('%s refuses a value the API does not know', (_name, read, message) => {
	expect(read).toThrow(NodeOperationError);
	expect(read).toThrow(message);
});
