import { NodeOperationError, type INode } from 'n8n-workflow';

import { InputCheck, normalizeAddress, splitAddresses } from '../../nodes/shared/validation';

const node: INode = {
	id: '1',
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const check = new InputCheck(node, 3);

function failure(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected a NodeOperationError');
}

describe('addresses', () => {
	test('splits on commas outside quotes and brackets', () => {
		expect(splitAddresses('"Doe, Jane" <jane@x.io>, bob@y.io; Ann <ann@z.io>')).toEqual([
			'"Doe, Jane" <jane@x.io>',
			'bob@y.io',
			'Ann <ann@z.io>',
		]);
	});

	test('keeps escaped quotes inside a quoted name together', () => {
		expect(splitAddresses('"Doe, \\"JJ\\"" <j@x.io>, b@y.io')).toEqual(['"Doe, \\"JJ\\"" <j@x.io>', 'b@y.io']);
	});

	test.each([
		['user@domain.com', 'user@domain.com'],
		['  user@domain.com ', 'user@domain.com'],
		['Display Name <user@domain.com>', 'Display Name <user@domain.com>'],
		['"Doe, J" <j.doe+x@sub.domain.io>', '"Doe, J" <j.doe+x@sub.domain.io>'],
		['Jane<jane@x.com>', 'Jane <jane@x.com>'],
		['Jane   Doe    <jane@x.com>', 'Jane Doe <jane@x.com>'],
		['Jane @ Acme <jane@x.com>', '"Jane @ Acme" <jane@x.com>'],
		['Doe, Jane <jane@x.com>', '"Doe, Jane" <jane@x.com>'],
		['J. Doe <jane@x.com>', '"J. Doe" <jane@x.com>'],
		['"Jane" <jane@x.com>', 'Jane <jane@x.com>'],
		['Jane "JJ" Doe <jane@x.com>', '"Jane \\"JJ\\" Doe" <jane@x.com>'],
		['José Müller <jose@x.com>', 'José Müller <jose@x.com>'],
		['< jane@x.com >', 'jane@x.com'],
	])('normalizes %j to %j', (address, expected) => expect(normalizeAddress(address)).toBe(expected));

	test.each(['user', 'user@', '@domain.com', 'user@domain', 'Name <user@domain.com', 'a b@c.com', '<>', 'Jane\r\nBcc: x@y.com <jane@x.com>'])(
		'refuses %j',
		(address) => expect(normalizeAddress(address)).toBeUndefined(),
	);

	test('accepts an array from an expression and names a bad entry and the item', () => {
		expect(check.addresses(['a@b.io', 'C <c@d.io>, e@f.io'], 'To')).toEqual(['a@b.io', 'C <c@d.io>', 'e@f.io']);
		const error = failure(() => check.addresses('a@b.io, nope', 'CC'));
		expect(error.message).toBe(
			'CC contains an invalid email address: "nope". Use user@domain.com or Display Name <user@domain.com>, separated by commas',
		);
		expect(error.context.itemIndex).toBe(3);
	});
});

describe('ids', () => {
	test.each(['', '   ', 'a/b', '../other', 'a?b', 'a#b', 'caf\u00e9', 'a b', 'x'.repeat(300), 'a%2Fb'])(
		'refuses %j',
		(id) => {
			failure(() => check.id(id, 'Draft ID'));
		},
	);

	test('accepts API-style IDs, trimmed', () => {
		expect(check.id('  HR_id_abc-123  ', 'Draft ID')).toBe('HR_id_abc-123');
		expect(check.id('sales@agentry.example', 'Inbox ID')).toBe('sales@agentry.example');
	});

	test('refuses an object where text belongs', () => {
		expect(failure(() => check.id({ id: 1 }, 'Draft ID')).message).toBe('Draft ID must be text, not an object');
	});
});

describe('other checks', () => {
	test('phone numbers', () => {
		expect(check.phone('+1 (513) 867-5309', 'Phone')).toBe('+1 (513) 867-5309');
		failure(() => check.phone('call me', 'Phone'));
		failure(() => check.phone('123', 'Phone'));
	});

	test('dates become ISO 8601 in UTC', () => {
		expect(check.dateTime('2026-05-02T09:30:00Z', 'Send At')).toBe('2026-05-02T09:30:00.000Z');
		expect(check.dateTime(new Date('2026-05-02T09:30:00Z'), 'Send At')).toBe('2026-05-02T09:30:00.000Z');
		failure(() => check.dateTime('tomorrow', 'Send At'));
		failure(() => check.dateTime('2026-13-45', 'Send At'));
	});

	test('limits', () => {
		expect(check.positiveInteger('25', 'Limit')).toBe(25);
		for (const bad of [0, -1, 1.5, 'ten', null, {}]) failure(() => check.positiveInteger(bad, 'Limit'));
	});

	test('text length', () => {
		failure(() => check.text('x'.repeat(1000), 'Subject'));
	});
});
