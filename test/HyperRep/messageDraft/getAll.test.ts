import { BASE, ORG, useHyperRep } from '../support';

const { sandbox, hyperRep } = useHyperRep();

describe('get many', () => {
	test('Return All follows the cursor over three pages at the largest page size', async () => {
		const seeded = sandbox().hyperrep.seedDrafts(ORG, 250);
		const { items } = await hyperRep({ operation: 'getAll', returnAll: true });

		const expected = sandbox().hyperrep.drafts(ORG).map((draft) => draft.draft_id);
		const ids = items.map((item) => item.json.draft_id);
		expect(ids).toEqual(expected);
		expect(new Set(ids).size).toBe(seeded.length);
		expect(sandbox().log.map((entry) => entry.query.limit)).toEqual(['100', '100', '100']);
		expect(sandbox().log[0].query.cursor).toBeUndefined();
		expect(sandbox().log[1].query.cursor).toBeDefined();
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('a Limit that ends mid-page asks only for what it still needs', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 250);
		const { items } = await hyperRep({ operation: 'getAll', returnAll: false, limit: 150 });
		const expected = sandbox().hyperrep.drafts(ORG).slice(0, 150).map((draft) => draft.draft_id);
		expect(items.map((item) => item.json.draft_id)).toEqual(expected);
		expect(sandbox().log.map((entry) => entry.query.limit)).toEqual(['100', '50']);
	});

	test('Start Date and End Date filter on creation time', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 10, (i) => ({ created_at: `2026-05-${String(i + 10).padStart(2, '0')}T12:00:00Z` }));
		const { items } = await hyperRep({
			operation: 'getAll',
			returnAll: true,
			filters: { startDate: '2026-05-12T00:00:00Z', endDate: '2026-05-14T23:59:59Z' },
		});
		expect(items.map((item) => item.json.created_at)).toEqual([
			'2026-05-14T12:00:00Z',
			'2026-05-13T12:00:00Z',
			'2026-05-12T12:00:00Z',
		]);
		expect(sandbox().log[0].query).toMatchObject({
			start_date: '2026-05-12T00:00:00.000Z',
			end_date: '2026-05-14T23:59:59.000Z',
		});
	});

	test('a cursor that repeats stops with an error instead of looping', async () => {
		sandbox().faults.add({
			match: { method: 'GET', path: BASE },
			kind: 'body',
			status: 200,
			body: JSON.stringify({
				data: [{ draft_id: 'HR_id_1', folder: 'drafts' }],
				pagination: { limit: 100, cursor: 'c1', next_cursor: 'c1', has_more: true },
			}),
		});
		const { nodeError } = await hyperRep({ operation: 'getAll', returnAll: true });
		expect(nodeError?.message).toBe(
			'Listing stopped after 1 items because the same page token ("c1") came back: the API is not making progress',
		);
		expect(sandbox().log).toHaveLength(2);
	});
});

describe('get many output', () => {
	test('Simplify makes a list markedly smaller, for people and for AI agents', async () => {
		sandbox().hyperrep.seedDrafts(ORG, 46, (i) => ({
			body_html: `<p>Hi Lead ${i},</p><p>${'Thanks for your time on the call today. '.repeat(10)}</p>`,
		}));
		const size = async (simple: boolean) => {
			const { items } = await hyperRep({ operation: 'getAll', returnAll: true, simple });
			expect(items).toHaveLength(46);
			return JSON.stringify(items.map((item) => item.json)).length;
		};
		const [simplified, raw] = [await size(true), await size(false)];
		expect(simplified).toBeLessThan(raw * 0.6);
	});
});
