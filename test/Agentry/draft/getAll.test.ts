import { byId } from '../../support/sandbox';
import { DRAFTS, INBOX, useAgentry } from '../support';

const { sandbox, agentry, expectAllAuthorized } = useAgentry();

describe('draft: get many', () => {
	const pageRequests = () =>
		sandbox().log.map((entry) => ({ path: entry.path, limit: entry.query.limit, token: entry.query.page_token }));

	test('Return All reads every page at the largest size, without duplicates or gaps', async () => {
		sandbox().agentry.seedDrafts(INBOX, 250);
		const { items } = await agentry({ resource: 'draft', operation: 'getAll', returnAll: true, simple: false });

		const requests = pageRequests();
		expect(requests).toHaveLength(3);
		expect(requests.map((r) => r.limit)).toEqual(['100', '100', '100']);
		expect(requests[0].token).toBeUndefined();
		expect(requests.every((r) => r.path === DRAFTS)).toBe(true);
		expectAllAuthorized();

		const ids = items.map((item) => item.json.draft_id);
		expect(new Set(ids).size).toBe(250);
		expect(ids).toEqual(sandbox().agentry.drafts(INBOX).map((draft) => draft.draft_id));
		expect(items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('a Limit that ends mid-page asks only for what it still needs', async () => {
		sandbox().agentry.seedDrafts(INBOX, 250);
		const { items } = await agentry({ resource: 'draft', operation: 'getAll', limit: 150 });

		expect(pageRequests().map((r) => r.limit)).toEqual(['100', '50']);
		expect(pageRequests()[1].token).toEqual(expect.any(String));
		expect(items.map((item) => item.json.draft_id)).toEqual(
			sandbox().agentry.drafts(INBOX).slice(0, 150).map((draft) => draft.draft_id),
		);
		expect(Object.keys(items[0].json).sort()).toEqual(
			['attachment_count', 'draft_id', 'preview', 'subject', 'to', 'updated_at'].sort(),
		);
	});

	test('an unknown inbox is named in the error', async () => {
		const { nodeError } = await agentry({ resource: 'draft', operation: 'getAll', inboxId: byId('x@agentry.test') });
		expect(nodeError?.message).toBe('Inbox "x@agentry.test" was not found');
	});
});

describe('draft: get many, Simplify', () => {
	test('Simplify makes a list markedly smaller, for people and for AI agents', async () => {
		sandbox().agentry.seedDrafts(INBOX, 46, (i) => ({
			subject: `Following up on quote Q-${1000 + i}`,
			to: [`Lead ${i} <lead${i}@example.com>`],
			cc: ['Sales Team <team@example.com>'],
			bcc: ['audit@example.com'],
			labels: ['follow-up'],
			in_reply_to: `<msg-${i}@example.com>`,
			text: `Hi Lead ${i}, thanks for your time on the call today. ${'As promised, here are the details. '.repeat(8)}`,
		}));
		const size = async (simple: boolean) => {
			const { items } = await agentry({ resource: 'draft', operation: 'getAll', returnAll: true, simple });
			expect(items).toHaveLength(46);
			return JSON.stringify(items.map((item) => item.json)).length;
		};
		const [simplified, raw] = [await size(true), await size(false)];
		expect(simplified).toBeLessThan(raw * 0.6);
	});
});
