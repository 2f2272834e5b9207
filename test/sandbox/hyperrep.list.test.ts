import { Sandbox } from './server';
import { hrPath, hyperrep, type TestResponse } from './testClient';
import { type HrList, type PydanticDetail } from './testSupport';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('HyperRep list and pagination', () => {
	const org = Sandbox.HYPERREP_ORG_ID;

	async function listAll(limit: number, qs: Record<string, string> = {}): Promise<{ pages: HrList[]; ids: string[] }> {
		const pages: HrList[] = [];
		let cursor: string | null = null;
		do {
			const res: TestResponse<HrList> = await hyperrep<HrList>(sandbox(), 'GET', hrPath(), {
				qs: { ...qs, limit, ...(cursor === null ? {} : { cursor }) },
			});
			expect(res.statusCode).toBe(200);
			pages.push(res.body);
			cursor = res.body.pagination.next_cursor;
			expect(pages.length).toBeLessThan(500);
		} while (cursor !== null);
		return { pages, ids: pages.flatMap((p) => p.data.map((d) => d.draft_id)) };
	}

	it('defaults to 25 per page with the documented envelope', async () => {
		sandbox().hyperrep.seedDrafts(org, 30);
		const res = await hyperrep<HrList>(sandbox(), 'GET', hrPath());
		expect(res.body.data).toHaveLength(25);
		expect(res.body.pagination).toEqual({ limit: 25, cursor: null, next_cursor: expect.any(String), has_more: true });
	});

	it('pages through >= 3 pages without duplicates or gaps, newest first; last page has next_cursor null', async () => {
		const seeded = sandbox().hyperrep.seedDrafts(org, 60);
		const { pages, ids } = await listAll(25);
		expect(pages.map((p) => p.data.length)).toEqual([25, 25, 10]);
		expect(ids).toEqual(seeded.map((d) => d.draft_id));
		expect(new Set(ids).size).toBe(60);
		const last = pages[pages.length - 1].pagination;
		expect(last).toMatchObject({ next_cursor: null, has_more: false });
		expect(pages[1].pagination.cursor).toBe(pages[0].pagination.next_cursor);
		const created = ids.map((id) => Date.parse(sandbox().hyperrep.drafts(org).find((d) => d.draft_id === id)?.created_at ?? ''));
		expect([...created].sort((a, b) => b - a)).toEqual(created);
	});

	it('is stable: the same cursor gives the same page, and drafts added meanwhile do not shift pages', async () => {
		const seeded = sandbox().hyperrep.seedDrafts(org, 9);
		const first = await hyperrep<HrList>(sandbox(), 'GET', hrPath(), { qs: { limit: 3 } });
		const cursor = first.body.pagination.next_cursor ?? '';
		const again1 = await hyperrep<HrList>(sandbox(), 'GET', hrPath(), { qs: { limit: 3, cursor } });
		await hyperrep(sandbox(), 'POST', hrPath(), { body: { modality: 'email', subject: 'new' } });
		const again2 = await hyperrep<HrList>(sandbox(), 'GET', hrPath(), { qs: { limit: 3, cursor } });
		expect(again2.body.data.map((d) => d.draft_id)).toEqual(again1.body.data.map((d) => d.draft_id));
		expect(again1.body.data.map((d) => d.draft_id)).toEqual(seeded.slice(3, 6).map((d) => d.draft_id));
	});

	it('orders equal created_at by draft_id and still pages cleanly', async () => {
		sandbox().hyperrep.seedDrafts(org, 10, () => ({ created_at: '2026-03-01T00:00:00.000Z' }));
		const { ids } = await listAll(3);
		expect(ids).toHaveLength(10);
		expect([...ids].sort()).toEqual(ids);
	});

	it('pages 10,000 drafts at limit 100 completely', async () => {
		sandbox().log.length = 0;
		sandbox().logEnabled = false;
		sandbox().hyperrep.seedDrafts(org, 10_000);
		const { pages, ids } = await listAll(100);
		sandbox().logEnabled = true;
		expect(pages).toHaveLength(100);
		expect(new Set(ids).size).toBe(10_000);
	});

	it('filters by start_date/end_date on created_at, inclusive (dates and date-times)', async () => {
		const days = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'];
		const seeded = sandbox().hyperrep.seedDrafts(org, 4, (i) => ({ created_at: `${days[i]}T12:00:00.000Z` }));
		const byDate = await hyperrep<HrList>(sandbox(), 'GET', hrPath(), { qs: { start_date: '2026-01-02', end_date: '2026-01-03' } });
		expect(byDate.body.data.map((d) => d.created_at.slice(0, 10))).toEqual(['2026-01-03', '2026-01-02']);
		const exact = await hyperrep<HrList>(sandbox(), 'GET', hrPath(), {
			qs: { start_date: '2026-01-02T12:00:00Z', end_date: '2026-01-02T12:00:00Z' },
		});
		expect(exact.body.data.map((d) => d.draft_id)).toEqual([seeded[1].draft_id]);
		const from = await hyperrep<HrList>(sandbox(), 'GET', hrPath(), { qs: { start_date: '2026-01-03', limit: 1 } });
		expect(from.body.data).toHaveLength(1);
		const next = await hyperrep<HrList>(sandbox(), 'GET', hrPath(), {
			qs: { start_date: '2026-01-03', limit: 1, cursor: from.body.pagination.next_cursor ?? '' },
		});
		expect(next.body.data[0].created_at.slice(0, 10)).toBe('2026-01-03');
		expect(next.body.pagination.has_more).toBe(false);
	});

	it.each([
		[{ limit: '0' }, 'limit'],
		[{ limit: '101' }, 'limit'],
		[{ limit: 'abc' }, 'limit'],
		[{ limit: '2.5' }, 'limit'],
		[{ cursor: 'not a cursor!' }, 'cursor'],
		[{ cursor: Buffer.from('{"v":2}').toString('base64url') }, 'cursor'],
		[{ start_date: 'yesterday' }, 'start_date'],
		[{ end_date: '2026-13-45' }, 'end_date'],
	])('rejects %p with 422', async (qs, field) => {
		const res = await hyperrep<{ detail: PydanticDetail[] }>(sandbox(), 'GET', hrPath(), { qs });
		expect(res.statusCode).toBe(422);
		expect(res.body.detail[0].loc).toEqual(['query', field]);
	});

	it('accepts limit=100 and limit=1', async () => {
		sandbox().hyperrep.seedDrafts(org, 120);
		const max = await hyperrep<HrList>(sandbox(), 'GET', hrPath(), { qs: { limit: 100 } });
		expect(max.body.data).toHaveLength(100);
		const one = await hyperrep<HrList>(sandbox(), 'GET', hrPath(), { qs: { limit: 1 } });
		expect(one.body.data).toHaveLength(1);
	});
});
