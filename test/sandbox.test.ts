import { Sandbox, type AgentryDraft, type AgentryInbox, type HyperRepDraft } from './sandbox/server';
import { agentry, agPath, call, hrPath, hyperrep, type TestResponse } from './sandbox/testClient';

/** The sandbox itself: every route, rule and fault mode, over real HTTP through n8n-core's helper. */

interface HrList {
	data: HyperRepDraft[];
	pagination: { limit: number; cursor: string | null; next_cursor: string | null; has_more: boolean };
}
interface HrCreated {
	draft_id: string;
	scheduled_to_send: boolean;
	scheduled_send_at: string | null;
	folder: string;
}
interface PydanticDetail {
	type: string;
	loc: Array<string | number>;
	msg: string;
}
interface AgError {
	name: string;
	code: string;
	message: string;
	fix?: string;
}
interface AgPage {
	count: number;
	limit: number;
	next_page_token?: string;
	drafts?: Array<Record<string, unknown>>;
	inboxes?: AgentryInbox[];
}
interface AgAttachmentInfo {
	attachment_id: string;
	content_disposition?: string;
	content_type?: string;
	filename?: string;
	size: number;
	download_url: string;
	expires_at: string;
}

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await Sandbox.start();
});

afterAll(async () => {
	await sandbox.stop();
});

beforeEach(() => {
	sandbox.reset();
});

const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');

async function expectThrows(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the request to fail at the transport level');
}

describe('Sandbox lifecycle', () => {
	it('listens on 127.0.0.1 and serves downloads from a second origin on localhost', () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox.downloadUrl).toMatch(/^http:\/\/localhost:\d+$/);
		expect(new URL(sandbox.downloadUrl).port).not.toBe(new URL(sandbox.url).port);
	});

	it('exposes the sample credentials', () => {
		expect(Sandbox.HYPERREP_API_KEY).toBe('hr_test_key_0123456789');
		expect(Sandbox.HYPERREP_ORG_ID).toBe('HR_org_demo');
		expect(Sandbox.AGENTRY_TOKEN).toBe('agt_test_token_0123456789');
	});

	it('starts on a requested port and stops cleanly', async () => {
		const probe = await Sandbox.start();
		const port = Number(new URL(probe.url).port);
		await probe.stop();
		const fixed = await Sandbox.start({ port });
		expect(fixed.url).toBe(`http://127.0.0.1:${port}`);
		const res = await hyperrep(fixed, 'GET', hrPath());
		expect(res.statusCode).toBe(200);
		await fixed.stop();
		await fixed.stop(); // idempotent
	});

	it('reset() restores the default seed and clears faults, log and counters', async () => {
		sandbox.hyperrep.seedDrafts(Sandbox.HYPERREP_ORG_ID, 3);
		sandbox.agentry.addInbox({});
		await hyperrep(sandbox, 'POST', hrPath(), { body: { modality: 'email', subject: 'x' } });
		sandbox.faults.add({ kind: 'status', status: 500 });
		sandbox.latencyMs = 50;
		sandbox.reset();
		expect(sandbox.hyperrep.drafts(Sandbox.HYPERREP_ORG_ID)).toEqual([]);
		expect(sandbox.hyperrep.createCount).toBe(0);
		expect(sandbox.log).toEqual([]);
		expect(sandbox.latencyMs).toBe(0);
		const res = await agentry<AgPage>(sandbox, 'GET', '/human/v0/inboxes');
		expect(res.statusCode).toBe(200);
		expect(res.body.inboxes).toEqual([]);
	});
});

describe('HyperRep auth', () => {
	const routes: Array<[ 'GET' | 'POST' | 'DELETE', string]> = [
		['GET', hrPath()],
		['POST', hrPath()],
		['GET', hrPath('/HR_id_x')],
		['DELETE', hrPath('/HR_id_x')],
	];

	it.each(routes)('%s %s without or with a wrong X-API-KEY -> 401', async (method, path) => {
		for (const apiKey of [null, 'wrong-key']) {
			const res = await hyperrep(sandbox, method, path, { apiKey, body: { modality: 'email', subject: 'x' } });
			expect(res.statusCode).toBe(401);
			expect(res.body).toEqual({ detail: 'Invalid or missing API key' });
		}
		expect(sandbox.hyperrep.createCount).toBe(0);
	});

	it("a key used on another organization's path -> 403", async () => {
		sandbox.hyperrep.addOrganization({ organizationId: 'HR_org_other', apiKey: 'hr_other_key' });
		const res = await hyperrep<{ detail: string }>(sandbox, 'GET', hrPath('', 'HR_org_other'));
		expect(res.statusCode).toBe(403);
		expect(typeof res.body.detail).toBe('string');
		const own = await hyperrep(sandbox, 'GET', hrPath('', 'HR_org_other'), { apiKey: 'hr_other_key' });
		expect(own.statusCode).toBe(200);
		const unknownOrg = await hyperrep(sandbox, 'GET', hrPath('', 'HR_org_nope'));
		expect(unknownOrg.statusCode).toBe(403);
	});
});

describe('HyperRep create', () => {
	it('creates a saved draft: 201, exact response shape, normalized folder, full stored shape', async () => {
		const res = await hyperrep<HrCreated>(sandbox, 'POST', hrPath(), {
			body: {
				modality: 'email',
				subject: 'Following up on your quote',
				body_html: '<p>Hi Diana</p>',
				to_user_name: 'Diana Prince',
				to_email: 'diana@example.com',
				to_phone_number: '513-867-5309',
				cc_emails: ['cc@example.com'],
				bcc_emails: [],
				autosend_draft: false,
				add_notification: true,
				folder: 'Sales Follow-up',
			},
		});
		expect(res.statusCode).toBe(201);
		expect(Object.keys(res.body).sort()).toEqual(['draft_id', 'folder', 'scheduled_send_at', 'scheduled_to_send']);
		expect(res.body).toMatchObject({ scheduled_to_send: false, scheduled_send_at: null, folder: 'sales-follow-up' });
		expect(res.body.draft_id).toMatch(/^HR_id_[A-Za-z0-9]+$/);
		expect(sandbox.hyperrep.createCount).toBe(1);

		const got = await hyperrep<HyperRepDraft>(sandbox, 'GET', hrPath(`/${res.body.draft_id}`));
		expect(got.statusCode).toBe(200);
		expect(got.body).toEqual({
			draft_id: res.body.draft_id,
			subject: 'Following up on your quote',
			body_html: '<p>Hi Diana</p>',
			modality: 'email',
			agent_id: expect.any(String),
			recipient_name: 'Diana Prince',
			recipient_email: 'diana@example.com',
			recipient_phone_number: '513-867-5309',
			cc_emails: ['cc@example.com'],
			bcc_emails: [],
			scheduled_send_at: null,
			folder: 'sales-follow-up',
			created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
		});
	});

	it.each([
		['Sales Follow-up', 'sales-follow-up'],
		['  Q3 -- Leads!!  ', 'q3-leads'],
		['already-normal', 'already-normal'],
		['***', 'drafts'],
		[undefined, 'drafts'],
	])('normalizes folder %p to %p', async (folder, expected) => {
		const res = await hyperrep<HrCreated>(sandbox, 'POST', hrPath(), { body: { modality: 'text', body_html: 'x', folder } });
		expect(res.statusCode).toBe(201);
		expect(res.body.folder).toBe(expected);
	});

	it('autosend queues the draft: scheduled_to_send, ISO scheduled_send_at, still retrievable', async () => {
		const res = await hyperrep<HrCreated>(sandbox, 'POST', hrPath(), {
			body: { modality: 'email', subject: 'Now', autosend_draft: true, add_notification: false },
		});
		expect(res.statusCode).toBe(201);
		expect(res.body.scheduled_to_send).toBe(true);
		expect(Number.isNaN(Date.parse(res.body.scheduled_send_at ?? ''))).toBe(false);
		const got = await hyperrep<HyperRepDraft>(sandbox, 'GET', hrPath(`/${res.body.draft_id}`));
		expect(got.body.scheduled_send_at).toBe(res.body.scheduled_send_at);
	});

	it.each<[string, unknown, string | number]>([
		['missing modality', { subject: 'x' }, 'modality'],
		['unknown modality', { modality: 'fax', subject: 'x' }, 'modality'],
		['bad to_email', { modality: 'email', subject: 'x', to_email: 'not-an-email' }, 'to_email'],
		['bad cc entry', { modality: 'email', subject: 'x', cc_emails: ['ok@example.com', 'nope'] }, 'cc_emails'],
		['cc not a list', { modality: 'email', subject: 'x', cc_emails: 'a@example.com' }, 'cc_emails'],
		['bad phone', { modality: 'text', subject: 'x', to_phone_number: 'call me' }, 'to_phone_number'],
		['non-boolean autosend', { modality: 'email', subject: 'x', autosend_draft: 'yes' }, 'autosend_draft'],
	])('%s -> 422 with pydantic detail', async (_name, body, field) => {
		const res = await hyperrep<{ detail: PydanticDetail[] }>(sandbox, 'POST', hrPath(), { body });
		expect(res.statusCode).toBe(422);
		expect(Array.isArray(res.body.detail)).toBe(true);
		expect(res.body.detail[0].loc).toContain(field);
		expect(typeof res.body.detail[0].msg).toBe('string');
		expect(sandbox.hyperrep.createCount).toBe(0);
	});

	it.each<[string, unknown, RegExp]>([
		['neither subject nor body_html', { modality: 'email', to_email: 'a@example.com' }, /subject or body_html/],
		['blank subject and body_html', { modality: 'email', subject: '  ', body_html: '' }, /subject or body_html/],
		['autosend with notification', { modality: 'email', subject: 'x', autosend_draft: true, add_notification: true }, /mutually exclusive/],
	])('%s -> 422 model error', async (_name, body, message) => {
		const res = await hyperrep<{ detail: PydanticDetail[] }>(sandbox, 'POST', hrPath(), { body });
		expect(res.statusCode).toBe(422);
		expect(res.body.detail[0]).toMatchObject({ type: 'value_error', loc: ['body'], msg: expect.stringMatching(message) });
	});

	it('a body that is not JSON -> 422 json_invalid', async () => {
		const res = await hyperrep<{ detail: PydanticDetail[] }>(sandbox, 'POST', hrPath(), {
			// A Buffer goes out byte for byte (axios would re-encode a string as a JSON string literal).
			body: Buffer.from('{"modality": "email",'),
			headers: { 'Content-Type': 'application/json' },
		});
		expect(res.statusCode).toBe(422);
		expect(res.body.detail[0].type).toBe('json_invalid');
		const notObject = await hyperrep<{ detail: PydanticDetail[] }>(sandbox, 'POST', hrPath(), { body: [1, 2] });
		expect(notObject.statusCode).toBe(422);
		expect(notObject.body.detail[0].type).toBe('model_attributes_type');
	});

	it('a modality without configured channel -> 400 naming the modality; nothing created', async () => {
		sandbox.hyperrep.setChannels(Sandbox.HYPERREP_ORG_ID, { text: false });
		const res = await hyperrep<{ detail: string }>(sandbox, 'POST', hrPath(), { body: { modality: 'text', subject: 'x' } });
		expect(res.statusCode).toBe(400);
		expect(res.body.detail).toBe("No credentials configured for modality 'text' in this organization");
		expect(sandbox.hyperrep.drafts(Sandbox.HYPERREP_ORG_ID)).toHaveLength(0);
		const email = await hyperrep(sandbox, 'POST', hrPath(), { body: { modality: 'email', subject: 'x' } });
		expect(email.statusCode).toBe(201);
		sandbox.hyperrep.addOrganization({ organizationId: 'HR_org_mail', apiKey: 'k2', channels: { email: true, text: false } });
		const other = await hyperrep(sandbox, 'POST', hrPath('', 'HR_org_mail'), { apiKey: 'k2', body: { modality: 'text', subject: 'x' } });
		expect(other.statusCode).toBe(400);
	});
});

describe('HyperRep list and pagination', () => {
	const org = Sandbox.HYPERREP_ORG_ID;

	async function listAll(limit: number, qs: Record<string, string> = {}): Promise<{ pages: HrList[]; ids: string[] }> {
		const pages: HrList[] = [];
		let cursor: string | null = null;
		do {
			const res: TestResponse<HrList> = await hyperrep<HrList>(sandbox, 'GET', hrPath(), {
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
		sandbox.hyperrep.seedDrafts(org, 30);
		const res = await hyperrep<HrList>(sandbox, 'GET', hrPath());
		expect(res.body.data).toHaveLength(25);
		expect(res.body.pagination).toEqual({ limit: 25, cursor: null, next_cursor: expect.any(String), has_more: true });
	});

	it('pages through >= 3 pages without duplicates or gaps, newest first; last page has next_cursor null', async () => {
		const seeded = sandbox.hyperrep.seedDrafts(org, 60);
		const { pages, ids } = await listAll(25);
		expect(pages.map((p) => p.data.length)).toEqual([25, 25, 10]);
		expect(ids).toEqual(seeded.map((d) => d.draft_id));
		expect(new Set(ids).size).toBe(60);
		const last = pages[pages.length - 1].pagination;
		expect(last).toMatchObject({ next_cursor: null, has_more: false });
		expect(pages[1].pagination.cursor).toBe(pages[0].pagination.next_cursor);
		const created = ids.map((id) => Date.parse(sandbox.hyperrep.drafts(org).find((d) => d.draft_id === id)?.created_at ?? ''));
		expect([...created].sort((a, b) => b - a)).toEqual(created);
	});

	it('is stable: the same cursor gives the same page, and drafts added meanwhile do not shift pages', async () => {
		const seeded = sandbox.hyperrep.seedDrafts(org, 9);
		const first = await hyperrep<HrList>(sandbox, 'GET', hrPath(), { qs: { limit: 3 } });
		const cursor = first.body.pagination.next_cursor ?? '';
		const again1 = await hyperrep<HrList>(sandbox, 'GET', hrPath(), { qs: { limit: 3, cursor } });
		await hyperrep(sandbox, 'POST', hrPath(), { body: { modality: 'email', subject: 'new' } });
		const again2 = await hyperrep<HrList>(sandbox, 'GET', hrPath(), { qs: { limit: 3, cursor } });
		expect(again2.body.data.map((d) => d.draft_id)).toEqual(again1.body.data.map((d) => d.draft_id));
		expect(again1.body.data.map((d) => d.draft_id)).toEqual(seeded.slice(3, 6).map((d) => d.draft_id));
	});

	it('orders equal created_at by draft_id and still pages cleanly', async () => {
		sandbox.hyperrep.seedDrafts(org, 10, () => ({ created_at: '2026-03-01T00:00:00.000Z' }));
		const { ids } = await listAll(3);
		expect(ids).toHaveLength(10);
		expect([...ids].sort()).toEqual(ids);
	});

	it('pages 10,000 drafts at limit 100 completely', async () => {
		sandbox.log.length = 0;
		sandbox.logEnabled = false;
		sandbox.hyperrep.seedDrafts(org, 10_000);
		const { pages, ids } = await listAll(100);
		sandbox.logEnabled = true;
		expect(pages).toHaveLength(100);
		expect(new Set(ids).size).toBe(10_000);
	});

	it('filters by start_date/end_date on created_at, inclusive (dates and date-times)', async () => {
		const days = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'];
		const seeded = sandbox.hyperrep.seedDrafts(org, 4, (i) => ({ created_at: `${days[i]}T12:00:00.000Z` }));
		const byDate = await hyperrep<HrList>(sandbox, 'GET', hrPath(), { qs: { start_date: '2026-01-02', end_date: '2026-01-03' } });
		expect(byDate.body.data.map((d) => d.created_at.slice(0, 10))).toEqual(['2026-01-03', '2026-01-02']);
		const exact = await hyperrep<HrList>(sandbox, 'GET', hrPath(), {
			qs: { start_date: '2026-01-02T12:00:00Z', end_date: '2026-01-02T12:00:00Z' },
		});
		expect(exact.body.data.map((d) => d.draft_id)).toEqual([seeded[1].draft_id]);
		const from = await hyperrep<HrList>(sandbox, 'GET', hrPath(), { qs: { start_date: '2026-01-03', limit: 1 } });
		expect(from.body.data).toHaveLength(1);
		const next = await hyperrep<HrList>(sandbox, 'GET', hrPath(), {
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
		const res = await hyperrep<{ detail: PydanticDetail[] }>(sandbox, 'GET', hrPath(), { qs });
		expect(res.statusCode).toBe(422);
		expect(res.body.detail[0].loc).toEqual(['query', field]);
	});

	it('accepts limit=100 and limit=1', async () => {
		sandbox.hyperrep.seedDrafts(org, 120);
		const max = await hyperrep<HrList>(sandbox, 'GET', hrPath(), { qs: { limit: 100 } });
		expect(max.body.data).toHaveLength(100);
		const one = await hyperrep<HrList>(sandbox, 'GET', hrPath(), { qs: { limit: 1 } });
		expect(one.body.data).toHaveLength(1);
	});
});

describe('HyperRep get and delete', () => {
	const org = Sandbox.HYPERREP_ORG_ID;

	it('gets a draft; unknown ids are a plain 404', async () => {
		const [draft] = sandbox.hyperrep.seedDrafts(org, 1);
		const got = await hyperrep<HyperRepDraft>(sandbox, 'GET', hrPath(`/${draft.draft_id}`));
		expect(got.body).toEqual(draft);
		const missing = await hyperrep(sandbox, 'GET', hrPath('/HR_id_missing'));
		expect(missing.statusCode).toBe(404);
		expect(missing.body).toEqual({ detail: 'Message draft not found' });
	});

	it("another organization's draft is not found", async () => {
		sandbox.hyperrep.addOrganization({ organizationId: 'HR_org_b', apiKey: 'kb' });
		const [foreign] = sandbox.hyperrep.seedDrafts('HR_org_b', 1);
		const res = await hyperrep(sandbox, 'GET', hrPath(`/${foreign.draft_id}`));
		expect(res.statusCode).toBe(404);
	});

	it('a promoted draft -> 404 with a hint to the conversation route (get and delete)', async () => {
		const [draft] = sandbox.hyperrep.seedDrafts(org, 1);
		sandbox.hyperrep.markPromoted(draft.draft_id, 'HR_id_conv_1');
		for (const method of ['GET', 'DELETE'] as const) {
			const res = await hyperrep<{ detail: { message: string; hint: string; route: string } }>(sandbox, method, hrPath(`/${draft.draft_id}`));
			expect(res.statusCode).toBe(404);
			expect(res.body.detail).toMatchObject({
				message: expect.any(String),
				hint: expect.any(String),
				route: `/api/v2/organizations/${org}/conversations/HR_id_conv_1`,
			});
		}
		expect(sandbox.hyperrep.drafts(org)).toEqual([]);
	});

	it('a response-draft id -> 404 with a hint to the response-drafts route', async () => {
		const id = sandbox.hyperrep.addResponseDraft(org);
		const res = await hyperrep<{ detail: { route: string; hint: string } }>(sandbox, 'GET', hrPath(`/${id}`));
		expect(res.statusCode).toBe(404);
		expect(res.body.detail.route).toBe(`/api/v2/organizations/${org}/response-drafts/${id}`);
	});

	it('deletes: 204 with no body, then 404', async () => {
		const [draft] = sandbox.hyperrep.seedDrafts(org, 2);
		const res = await hyperrep(sandbox, 'DELETE', hrPath(`/${draft.draft_id}`));
		expect(res.statusCode).toBe(204);
		expect(res.body).toBe('');
		expect((await hyperrep(sandbox, 'GET', hrPath(`/${draft.draft_id}`))).statusCode).toBe(404);
		expect((await hyperrep(sandbox, 'DELETE', hrPath(`/${draft.draft_id}`))).statusCode).toBe(404);
		expect(sandbox.hyperrep.drafts(org)).toHaveLength(1);
	});

	it('deleting a sending draft -> 400', async () => {
		const [draft] = sandbox.hyperrep.seedDrafts(org, 1);
		sandbox.hyperrep.setSending(draft.draft_id);
		const res = await hyperrep(sandbox, 'DELETE', hrPath(`/${draft.draft_id}`));
		expect(res.statusCode).toBe(400);
		expect(res.body).toEqual({ detail: 'Draft is currently sending and can no longer be deleted' });
		expect(sandbox.hyperrep.drafts(org)).toHaveLength(1);
	});

	it('decodes path parameters once: an encoded slash is an id, never another route', async () => {
		sandbox.hyperrep.seedDrafts(org, 1);
		const res = await hyperrep(sandbox, 'GET', hrPath('/..%2F..%2Fmessage-drafts'));
		expect(res.statusCode).toBe(404);
		expect(res.body).toEqual({ detail: 'Message draft not found' });
		const weird = sandbox.hyperrep.addDraft(org, { draft_id: 'a/b c', subject: 's' });
		const got = await hyperrep<HyperRepDraft>(sandbox, 'GET', hrPath(`/${encodeURIComponent(weird.draft_id)}`));
		expect(got.body.draft_id).toBe('a/b c');
		sandbox.hyperrep.addOrganization({ organizationId: 'org/with space', apiKey: 'ks' });
		const list = await hyperrep(sandbox, 'GET', hrPath('', 'org/with space'), { apiKey: 'ks' });
		expect(list.statusCode).toBe(200);
	});

	it('unknown routes -> 404 and wrong methods -> 405, FastAPI style', async () => {
		const nf = await hyperrep(sandbox, 'GET', `/api/v2/organizations/${org}/conversations`);
		expect(nf.statusCode).toBe(404);
		expect(nf.body).toEqual({ detail: 'Not Found' });
		const put = await hyperrep(sandbox, 'PUT', hrPath('/HR_id_x'), { body: { a: 1 } });
		expect(put.statusCode).toBe(405);
		expect(put.body).toEqual({ detail: 'Method Not Allowed' });
		expect(put.headers.allow).toBe('GET, DELETE');
		const patch = await hyperrep(sandbox, 'PATCH', hrPath(), { body: { a: 1 } });
		expect(patch.statusCode).toBe(405);
	});
});

describe('Agentry auth', () => {
	it.each([
		[null, undefined],
		['wrong', undefined],
		[null, `Basic ${b64('user:pass')}`],
		[null, `Bearer`],
	])('token %p / Authorization %p -> 401 with the error shape', async (token, authorization) => {
		const inbox = sandbox.agentry.addInbox({});
		const res = await agentry<AgError>(sandbox, 'GET', agPath(inbox.inbox_id, '/drafts'), {
			token,
			headers: authorization === undefined ? {} : { Authorization: authorization },
		});
		expect(res.statusCode).toBe(401);
		expect(res.body).toEqual({ name: 'UnauthorizedError', code: 'unauthorized', message: expect.any(String), fix: expect.any(String) });
	});

	it('every route needs the token; added tokens work', async () => {
		const inbox = sandbox.agentry.addInbox({});
		const [d] = sandbox.agentry.seedDrafts(inbox.inbox_id, 1);
		const paths: Array<['GET' | 'POST' | 'PATCH' | 'DELETE', string]> = [
			['GET', '/human/v0/inboxes'],
			['GET', agPath(inbox.inbox_id)],
			['GET', agPath(inbox.inbox_id, '/drafts')],
			['POST', agPath(inbox.inbox_id, '/drafts')],
			['GET', agPath(inbox.inbox_id, `/drafts/${d.draft_id}`)],
			['PATCH', agPath(inbox.inbox_id, `/drafts/${d.draft_id}`)],
			['DELETE', agPath(inbox.inbox_id, `/drafts/${d.draft_id}`)],
			['POST', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/send`)],
			['POST', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/attachments`)],
			['GET', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/attachments/att_x`)],
			['DELETE', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/attachments/att_x`)],
		];
		for (const [method, path] of paths) {
			const res = await agentry(sandbox, method, path, { token: null, body: { subject: 's' } });
			expect([method, path, res.statusCode]).toEqual([method, path, 401]);
		}
		expect(sandbox.agentry.drafts(inbox.inbox_id)).toHaveLength(1);
		sandbox.agentry.addToken('agt_second');
		expect((await agentry(sandbox, 'GET', '/human/v0/inboxes', { token: 'agt_second' })).statusCode).toBe(200);
	});
});

describe('Agentry inboxes', () => {
	it('lists inboxes in pages with next_page_token absent on the last page', async () => {
		const seeded = sandbox.agentry.seedInboxes(45);
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const res: TestResponse<AgPage> = await agentry<AgPage>(sandbox, 'GET', '/human/v0/inboxes', {
				qs: token === undefined ? {} : { page_token: token },
			});
			expect(res.statusCode).toBe(200);
			expect(res.body.limit).toBe(20);
			expect(res.body.count).toBe(res.body.inboxes?.length);
			seen.push(...(res.body.inboxes ?? []).map((i) => i.inbox_id));
			token = res.body.next_page_token;
			if (token === undefined) expect('next_page_token' in res.body).toBe(false);
			pages++;
		} while (token !== undefined);
		expect(pages).toBe(3);
		expect(new Set(seen)).toEqual(new Set(seeded.map((i) => i.inbox_id)));
		expect(seen).toHaveLength(45);
	});

	it('inbox shape, get by (encoded) id, unknown inbox', async () => {
		const inbox = sandbox.agentry.addInbox({ email: 'sales@agentry.test', display_name: 'Sales' });
		expect(inbox.inbox_id).toBe('sales@agentry.test');
		const res = await agentry<AgentryInbox>(sandbox, 'GET', agPath(inbox.inbox_id));
		expect(res.body).toEqual({
			inbox_id: 'sales@agentry.test',
			email: 'sales@agentry.test',
			display_name: 'Sales',
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		const missing = await agentry<AgError>(sandbox, 'GET', agPath('nobody@agentry.test', '/drafts'));
		expect(missing.statusCode).toBe(404);
		expect(missing.body).toEqual({ name: 'NotFoundError', code: 'inbox_not_found', message: 'Inbox nobody@agentry.test not found' });
	});
});

describe('Agentry drafts list', () => {
	it('pages by updated_at descending (default 20), list items without bodies', async () => {
		const inbox = sandbox.agentry.addInbox({});
		const seeded = sandbox.agentry.seedDrafts(inbox.inbox_id, 50, (i) => ({ html: `<p>Body ${i}</p>`, text: undefined }));
		const ids: string[] = [];
		const sizes: number[] = [];
		let token: string | undefined;
		do {
			const res: TestResponse<AgPage> = await agentry<AgPage>(sandbox, 'GET', agPath(inbox.inbox_id, '/drafts'), {
				qs: token === undefined ? {} : { page_token: token },
			});
			expect(res.statusCode).toBe(200);
			const drafts = res.body.drafts ?? [];
			sizes.push(drafts.length);
			expect(res.body.count).toBe(drafts.length);
			for (const d of drafts) {
				expect(d).not.toHaveProperty('html');
				expect(d).not.toHaveProperty('text');
				expect(d).toHaveProperty('preview');
				expect(d).toHaveProperty('attachments');
			}
			ids.push(...drafts.map((d) => String(d.draft_id)));
			token = res.body.next_page_token;
		} while (token !== undefined);
		expect(sizes).toEqual([20, 20, 10]);
		expect(ids).toEqual(seeded.map((d) => d.draft_id));
	});

	it('an updated draft moves to the top of the list', async () => {
		const inbox = sandbox.agentry.addInbox({});
		const seeded = sandbox.agentry.seedDrafts(inbox.inbox_id, 5);
		await agentry(sandbox, 'PATCH', agPath(inbox.inbox_id, `/drafts/${seeded[4].draft_id}`), { body: { subject: 'bumped' } });
		const res = await agentry<AgPage>(sandbox, 'GET', agPath(inbox.inbox_id, '/drafts'), { qs: { limit: 2 } });
		expect(res.body.drafts?.map((d) => d.draft_id)).toEqual([seeded[4].draft_id, seeded[0].draft_id]);
	});

	it.each([[{ limit: '101' }, 'invalid_limit'], [{ limit: '0' }, 'invalid_limit'], [{ limit: 'x' }, 'invalid_limit'], [{ page_token: 'bogus' }, 'invalid_page_token']])(
		'%p -> 400 ValidationError',
		async (qs, code) => {
			const inbox = sandbox.agentry.addInbox({});
			const res = await agentry<AgError>(sandbox, 'GET', agPath(inbox.inbox_id, '/drafts'), { qs });
			expect(res.statusCode).toBe(400);
			expect(res.body).toMatchObject({ name: 'ValidationError', code });
		},
	);

	it('limit 100 is accepted', async () => {
		const inbox = sandbox.agentry.addInbox({});
		sandbox.agentry.seedDrafts(inbox.inbox_id, 120);
		const res = await agentry<AgPage>(sandbox, 'GET', agPath(inbox.inbox_id, '/drafts'), { qs: { limit: 100 } });
		expect(res.body.drafts).toHaveLength(100);
		expect(res.body.limit).toBe(100);
	});
});

describe('Agentry create, get, update, delete, send', () => {
	let inbox: AgentryInbox;
	beforeEach(() => {
		inbox = sandbox.agentry.addInbox({ email: 'sales@agentry.test' });
	});
	const drafts = (suffix = ''): string => agPath(inbox.inbox_id, `/drafts${suffix}`);

	it('creates: 201 with the full shape, labels default [], preview from the text or html', async () => {
		const res = await agentry<AgentryDraft>(sandbox, 'POST', drafts(), {
			body: {
				to: ['Diana Prince <diana@example.com>', 'bob@example.com'],
				cc: ['cc@example.com'],
				subject: 'Quote',
				html: '<p>Hello <b>Diana</b> &amp; team</p>',
				in_reply_to: '<msg-1@example.com>',
			},
		});
		expect(res.statusCode).toBe(201);
		expect(res.body).toMatchObject({
			draft_id: expect.stringMatching(/^dr_/),
			inbox_id: 'sales@agentry.test',
			labels: [],
			to: ['Diana Prince <diana@example.com>', 'bob@example.com'],
			cc: ['cc@example.com'],
			subject: 'Quote',
			preview: 'Hello Diana & team',
			attachments: [],
			in_reply_to: '<msg-1@example.com>',
		});
		expect(res.body.created_at).toBe(res.body.updated_at);
		expect(sandbox.agentry.createCount).toBe(1);
		const text = await agentry<AgentryDraft>(sandbox, 'POST', drafts(), { body: { text: '  plain   text ', labels: ['a'] } });
		expect(text.body).toMatchObject({ preview: 'plain text', labels: ['a'] });
		const get = await agentry<AgentryDraft>(sandbox, 'GET', drafts(`/${res.body.draft_id}`));
		expect(get.body).toEqual(res.body);
	});

	it('an empty create (n8n drops {}) makes an empty draft', async () => {
		const res = await agentry<AgentryDraft>(sandbox, 'POST', drafts(), { body: {} });
		expect(res.statusCode).toBe(201);
		expect(res.body.labels).toEqual([]);
	});

	it.each<[string, Record<string, unknown>, string]>([
		['bad to', { to: ['not an address'] }, 'invalid_address'],
		['bad display-name form', { cc: ['Name <nope>'] }, 'invalid_address'],
		['bad bcc', { bcc: ['a@b'] }, 'invalid_address'],
		['bad reply_to', { reply_to: ['x@'] }, 'invalid_address'],
		['no space before <', { to: ['Jane<jane@example.com>'] }, 'invalid_address'],
		['several spaces before <', { to: ['Jane  <jane@example.com>'] }, 'invalid_address'],
		['an unquoted @ in the name', { to: ['Jane @ Acme <jane@example.com>'] }, 'invalid_address'],
		['an unquoted comma in the name', { to: ['Doe, Joe <joe@example.com>'] }, 'invalid_address'],
		['to as a string', { to: 'a@example.com' }, 'invalid_parameter'],
		['to as null', { to: null }, 'invalid_parameter'],
		['subject as null', { subject: null }, 'invalid_parameter'],
		['send_at not a date-time', { send_at: 'tomorrow' }, 'invalid_send_at'],
		['send_at without offset', { send_at: '2026-01-01T09:00:00' }, 'invalid_send_at'],
		['attachment without content or url', { attachments: [{ filename: 'a.txt' }] }, 'invalid_attachment'],
		['attachment with bad base64', { attachments: [{ content: 'not base64!!' }] }, 'invalid_attachment_content'],
		['attachment with bad disposition', { attachments: [{ content: b64('x'), content_disposition: 'sideways' }] }, 'invalid_parameter'],
	])('%s -> 400 ValidationError', async (_name, body, code) => {
		const res = await agentry<AgError>(sandbox, 'POST', drafts(), { body });
		expect(res.statusCode).toBe(400);
		expect(res.body).toMatchObject({ name: 'ValidationError', code, message: expect.any(String) });
		if (code === 'invalid_address') expect(res.body.fix).toEqual(expect.any(String));
		expect(sandbox.agentry.createCount).toBe(0);
	});

	it('a field error names the field path in errors[]', async () => {
		const res = await agentry<AgError & { errors: unknown }>(sandbox, 'POST', drafts(), {
			body: { to: ['jane@example.com', 'Jane<jane@example.com>'] },
		});
		expect(res.body).toMatchObject({
			message: 'Request validation failed',
			errors: [{ path: 'to[1]', message: 'Invalid address "Jane<jane@example.com>"' }],
		});
	});

	it.each(['"Doe, Joe" <joe@example.com>', '"Jane \\"JJ\\" Doe" <jane@example.com>', 'José Müller <jose@example.com>', 'Jane Doe <jane@example.com>'])(
		'accepts the documented display-name form %s',
		async (address) => {
			const res = await agentry<AgentryDraft>(sandbox, 'POST', drafts(), { body: { to: [address] } });
			expect(res.statusCode).toBe(201);
		},
	);

	it('send_at with an offset schedules the draft', async () => {
		const res = await agentry<AgentryDraft>(sandbox, 'POST', drafts(), { body: { send_at: '2026-01-01T09:00:00+02:00' } });
		expect(res.statusCode).toBe(201);
		expect(res.body).toMatchObject({ send_at: '2026-01-01T09:00:00+02:00', send_status: 'scheduled' });
	});

	it('attachments in the create body: base64 content (size = bytes) or url (size 0)', async () => {
		const res = await agentry<AgentryDraft>(sandbox, 'POST', drafts(), {
			body: {
				attachments: [
					{ content: b64('hello world'), filename: 'hello.txt', content_disposition: 'inline', content_id: 'cid1' },
					{ url: 'https://files.example.com/a.pdf', filename: 'a.pdf' },
				],
			},
		});
		expect(res.statusCode).toBe(201);
		expect(res.body.attachments).toEqual([
			{ attachment_id: expect.stringMatching(/^att_/), content_disposition: 'inline', content_id: 'cid1', content_type: 'text/plain', filename: 'hello.txt', size: 11 },
			{ attachment_id: expect.stringMatching(/^att_/), content_disposition: 'attachment', content_type: 'application/pdf', filename: 'a.pdf', size: 0 },
		]);
		expect(sandbox.agentry.attachmentBytes(res.body.attachments[0].attachment_id)?.toString()).toBe('hello world');
	});

	it('client_id makes creates idempotent per inbox (200, existing draft, not counted)', async () => {
		const first = await agentry<AgentryDraft>(sandbox, 'POST', drafts(), { body: { client_id: 'c-1', subject: 'one' } });
		const again = await agentry<AgentryDraft>(sandbox, 'POST', drafts(), { body: { client_id: 'c-1', subject: 'two' } });
		expect(first.statusCode).toBe(201);
		expect(again.statusCode).toBe(200);
		expect(again.body.draft_id).toBe(first.body.draft_id);
		expect(again.body.subject).toBe('one');
		expect(sandbox.agentry.createCount).toBe(1);
		const other = sandbox.agentry.addInbox({});
		const elsewhere = await agentry(sandbox, 'POST', agPath(other.inbox_id, '/drafts'), { body: { client_id: 'c-1' } });
		expect(elsewhere.statusCode).toBe(201);
	});

	it('get: unknown draft, draft of another inbox, encoded ids', async () => {
		const other = sandbox.agentry.addInbox({});
		const [foreign] = sandbox.agentry.seedDrafts(other.inbox_id, 1);
		for (const id of ['dr_missing', foreign.draft_id, '..%2F..%2Finboxes']) {
			const res = await agentry<AgError>(sandbox, 'GET', drafts(`/${id}`));
			expect(res.statusCode).toBe(404);
			expect(res.body.code).toBe('draft_not_found');
		}
		const odd = sandbox.agentry.addDraft(inbox.inbox_id, { draft_id: '<id/with?odd#chars@x>' });
		const got = await agentry<AgentryDraft>(sandbox, 'GET', drafts(`/${encodeURIComponent(odd.draft_id)}`));
		expect(got.statusCode).toBe(200);
		expect(got.body.draft_id).toBe(odd.draft_id);
	});

	it('update: sets fields, an empty string or list clears, null is refused, other fields ignored, updated_at bumps', async () => {
		const created = await agentry<AgentryDraft>(sandbox, 'POST', drafts(), {
			body: { to: ['a@example.com'], cc: ['c@example.com'], subject: 'old', text: 'old text', labels: ['x'], send_at: '2026-01-01T00:00:00Z' },
		});
		const res = await agentry<AgentryDraft>(sandbox, 'PATCH', drafts(`/${created.body.draft_id}`), {
			body: { subject: 'new', cc: [], html: '<p>new html</p>', text: '', labels: ['ignored'], bcc: ['Boss <boss@example.com>'] },
		});
		expect(res.statusCode).toBe(200);
		expect(res.body).toMatchObject({ subject: 'new', to: ['a@example.com'], bcc: ['Boss <boss@example.com>'], labels: ['x'], preview: 'new html' });
		for (const cleared of ['cc', 'text']) expect(res.body).not.toHaveProperty(cleared);
		expect(res.body.send_at).toBe('2026-01-01T00:00:00Z');
		const nulls = await agentry<AgError>(sandbox, 'PATCH', drafts(`/${created.body.draft_id}`), { body: { send_at: null } });
		expect(nulls.statusCode).toBe(400);
		expect(Date.parse(res.body.updated_at)).toBeGreaterThan(Date.parse(created.body.updated_at));
		expect(res.body.created_at).toBe(created.body.created_at);
		const bad = await agentry<AgError>(sandbox, 'PATCH', drafts(`/${created.body.draft_id}`), { body: { to: ['nope'] } });
		expect(bad.statusCode).toBe(400);
		expect(bad.body.code).toBe('invalid_address');
	});

	it('a sending draft: update, delete, send and attachment changes -> 409 ConflictError', async () => {
		const [d] = sandbox.agentry.seedDrafts(inbox.inbox_id, 1);
		const att = sandbox.agentry.addAttachment(d.draft_id, { content: Buffer.from('x'), filename: 'x.txt' });
		sandbox.agentry.setSendStatus(d.draft_id, 'sending');
		const calls: Array<['PATCH' | 'DELETE' | 'POST', string]> = [
			['PATCH', drafts(`/${d.draft_id}`)],
			['DELETE', drafts(`/${d.draft_id}`)],
			['POST', drafts(`/${d.draft_id}/send`)],
			['POST', drafts(`/${d.draft_id}/attachments`)],
			['DELETE', drafts(`/${d.draft_id}/attachments/${att.attachment_id}`)],
		];
		for (const [method, path] of calls) {
			const res = await agentry<AgError>(sandbox, method, path, { body: { subject: 'x', content: b64('y') } });
			expect(res.statusCode).toBe(409);
			expect(res.body).toEqual({ name: 'ConflictError', code: 'draft_sending', message: expect.any(String), fix: expect.any(String) });
		}
		expect(sandbox.agentry.sendCount).toBe(0);
		const get = await agentry<AgentryDraft>(sandbox, 'GET', drafts(`/${d.draft_id}`));
		expect(get.body.send_status).toBe('sending');
		expect(get.body.attachments).toHaveLength(1);
	});

	it('delete: 200 with an empty body, then 404', async () => {
		const [d] = sandbox.agentry.seedDrafts(inbox.inbox_id, 1);
		const res = await agentry(sandbox, 'DELETE', drafts(`/${d.draft_id}`));
		expect(res.statusCode).toBe(200);
		expect(res.body).toBe('');
		expect((await agentry(sandbox, 'GET', drafts(`/${d.draft_id}`))).statusCode).toBe(404);
	});

	it('send: a normal inbox sends and removes the draft', async () => {
		const [d] = sandbox.agentry.seedDrafts(inbox.inbox_id, 1);
		const res = await agentry(sandbox, 'POST', drafts(`/${d.draft_id}/send`));
		expect(res.statusCode).toBe(200);
		expect(res.body).toEqual({ draft_only: false, inbox_id: inbox.inbox_id, status: 'sent' });
		expect(sandbox.agentry.sendCount).toBe(1);
		expect((await agentry(sandbox, 'GET', drafts(`/${d.draft_id}`))).statusCode).toBe(404);
		expect((await agentry(sandbox, 'POST', drafts(`/${d.draft_id}/send`))).statusCode).toBe(404);
		expect(sandbox.agentry.sendCount).toBe(1);
	});

	it('send: a draft-only inbox answers draft_created and keeps the draft', async () => {
		const review = sandbox.agentry.addInbox({ email: 'review@agentry.test', draft_only: true });
		const [d] = sandbox.agentry.seedDrafts(review.inbox_id, 1);
		const res = await agentry(sandbox, 'POST', agPath(review.inbox_id, `/drafts/${d.draft_id}/send`));
		expect(res.body).toEqual({ draft_only: true, inbox_id: review.inbox_id, status: 'draft_created' });
		expect((await agentry(sandbox, 'GET', agPath(review.inbox_id, `/drafts/${d.draft_id}`))).statusCode).toBe(200);
		expect(sandbox.agentry.sendCount).toBe(1);
	});

	it('unknown routes -> 404 and wrong methods -> 405 in the Agentry error shape', async () => {
		const nf = await agentry<AgError>(sandbox, 'GET', '/human/v0/messages');
		expect(nf.statusCode).toBe(404);
		expect(nf.body).toMatchObject({ name: 'NotFoundError', code: 'route_not_found' });
		const wrong = await agentry<AgError>(sandbox, 'PUT', drafts('/dr_x'), { body: { a: 1 } });
		expect(wrong.statusCode).toBe(405);
		expect(wrong.body).toMatchObject({ name: 'MethodNotAllowedError', code: 'method_not_allowed' });
		expect(wrong.headers.allow).toBe('GET, PATCH, DELETE');
		const other = await call(`${sandbox.url}/nowhere`);
		expect(other.statusCode).toBe(404);
	});
});

describe('Agentry attachments and downloads', () => {
	let inbox: AgentryInbox;
	let draft: AgentryDraft;
	beforeEach(() => {
		inbox = sandbox.agentry.addInbox({ email: 'files@agentry.test' });
		[draft] = sandbox.agentry.seedDrafts(inbox.inbox_id, 1);
	});
	const att = (suffix = ''): string => agPath(inbox.inbox_id, `/drafts/${draft.draft_id}/attachments${suffix}`);

	it('add -> 200 metadata with decoded size; get -> signed download_url on the download origin', async () => {
		const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
		const added = await agentry<AgAttachmentInfo>(sandbox, 'POST', att(), {
			body: { content: b64(bytes), filename: 'Über report.bin', content_type: 'application/x-custom' },
		});
		expect(added.statusCode).toBe(200);
		expect(added.body).toEqual({
			attachment_id: expect.stringMatching(/^att_/),
			content_disposition: 'attachment',
			content_type: 'application/x-custom',
			filename: 'Über report.bin',
			size: 7,
		});
		const info = await agentry<AgAttachmentInfo>(sandbox, 'GET', att(`/${added.body.attachment_id}`));
		expect(info.statusCode).toBe(200);
		expect(info.body).toMatchObject({ ...added.body, download_url: expect.stringMatching(new RegExp(`^${sandbox.downloadUrl}/downloads/`)) });
		const expires = Date.parse(info.body.expires_at) - Date.now();
		expect(expires).toBeGreaterThan(3_500_000);
		expect(expires).toBeLessThanOrEqual(3_600_000);
		expect(info.body.download_url).not.toContain(Sandbox.AGENTRY_TOKEN);

		const file = await call<ArrayBuffer>(info.body.download_url, { encoding: 'arraybuffer' });
		expect(file.statusCode).toBe(200);
		expect(Buffer.from(file.body).equals(bytes)).toBe(true);
		expect(file.headers['content-type']).toBe('application/x-custom');
		expect(file.headers['content-disposition']).toBe(`attachment; filename="_ber report.bin"; filename*=UTF-8''%C3%9Cber%20report.bin`);

		expect(sandbox.downloadLog).toHaveLength(1);
		expect(sandbox.downloadLog[0]).toMatchObject({ method: 'GET', status: 200, api: 'agentry' });
		expect(sandbox.downloadLog[0].headers.authorization).toBeUndefined();
		expect(sandbox.log.every((e) => !e.path.startsWith('/downloads'))).toBe(true);

		const drafted = await agentry<AgentryDraft>(sandbox, 'GET', agPath(inbox.inbox_id, `/drafts/${draft.draft_id}`));
		expect(drafted.body.attachments).toEqual([added.body]);
	});

	it('url-only attachments have size 0', async () => {
		const res = await agentry<AgAttachmentInfo>(sandbox, 'POST', att(), { body: { url: 'https://example.com/x.png' } });
		expect(res.statusCode).toBe(200);
		expect(res.body).toMatchObject({ size: 0, content_type: 'application/octet-stream' });
	});

	it.each<[string, unknown, string]>([
		['neither content nor url', { filename: 'a' }, 'invalid_attachment'],
		['no body at all', undefined, 'invalid_attachment'],
		['invalid base64', { content: '@@@@' }, 'invalid_attachment_content'],
		['bad url', { url: 'ftp://x' }, 'invalid_attachment_url'],
	])('%s -> 400', async (_name, body, code) => {
		const res = await agentry<AgError>(sandbox, 'POST', att(), { body });
		expect(res.statusCode).toBe(400);
		expect(res.body).toMatchObject({ name: 'ValidationError', code });
	});

	it('delete -> 204, then 404 attachment_not_found; the download link dies with it', async () => {
		const meta = sandbox.agentry.addAttachment(draft.draft_id, { content: Buffer.from('bye'), filename: 'bye.txt' });
		const info = await agentry<AgAttachmentInfo>(sandbox, 'GET', att(`/${meta.attachment_id}`));
		const res = await agentry(sandbox, 'DELETE', att(`/${meta.attachment_id}`));
		expect(res.statusCode).toBe(204);
		const again = await agentry<AgError>(sandbox, 'GET', att(`/${meta.attachment_id}`));
		expect(again.statusCode).toBe(404);
		expect(again.body).toMatchObject({ name: 'NotFoundError', code: 'attachment_not_found' });
		expect((await agentry(sandbox, 'DELETE', att(`/${meta.attachment_id}`))).statusCode).toBe(404);
		expect((await call(info.body.download_url)).statusCode).toBe(404);
		expect(sandbox.agentry.attachmentBytes(meta.attachment_id)).toBeUndefined();
	});

	it('expired or tampered download links -> 404', async () => {
		const meta = sandbox.agentry.addAttachment(draft.draft_id, { content: Buffer.from('x') });
		sandbox.agentry.downloadTtlMs = 1;
		const info = await agentry<AgAttachmentInfo>(sandbox, 'GET', att(`/${meta.attachment_id}`));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect((await call(info.body.download_url)).statusCode).toBe(404);
		sandbox.agentry.downloadTtlMs = 60_000;
		const fresh = await agentry<AgAttachmentInfo>(sandbox, 'GET', att(`/${meta.attachment_id}`));
		expect((await call(fresh.body.download_url, { encoding: 'arraybuffer' })).statusCode).toBe(200);
		expect((await call(`${fresh.body.download_url}x`)).statusCode).toBe(404);
		expect((await call(`${sandbox.downloadUrl}/downloads/nope`)).statusCode).toBe(404);
		expect((await call(`${sandbox.downloadUrl}/elsewhere`)).statusCode).toBe(404);
	});

	it('accepts a 20 MB upload and serves the same bytes back', async () => {
		const bytes = Buffer.alloc(20 * 1024 * 1024, 7);
		bytes.write('head', 0);
		const added = await agentry<AgAttachmentInfo>(sandbox, 'POST', att(), { body: { content: b64(bytes), filename: 'big.bin' } });
		expect(added.statusCode).toBe(200);
		expect(added.body.size).toBe(bytes.length);
		expect(sandbox.agentry.attachmentBytes(added.body.attachment_id)?.equals(bytes)).toBe(true);
		const info = await agentry<AgAttachmentInfo>(sandbox, 'GET', att(`/${added.body.attachment_id}`));
		const file = await call<ArrayBuffer>(info.body.download_url, { encoding: 'arraybuffer' });
		expect(Buffer.from(file.body).equals(bytes)).toBe(true);
	});
});

describe('Faults', () => {
	const org = Sandbox.HYPERREP_ORG_ID;
	const create = (): Promise<TestResponse> => hyperrep(sandbox, 'POST', hrPath(), { body: { modality: 'email', subject: 'x' } });

	it("'status' answers in the API's error shape without processing, with Retry-After", async () => {
		sandbox.faults.add({ kind: 'status', status: 503, retryAfter: '2' });
		const res = await create();
		expect(res.statusCode).toBe(503);
		expect(res.headers['retry-after']).toBe('2');
		expect(res.body).toEqual({ detail: expect.any(String) });
		expect(sandbox.hyperrep.createCount).toBe(0);
		expect(sandbox.hyperrep.drafts(org)).toEqual([]);

		const inbox = sandbox.agentry.addInbox({});
		sandbox.faults.clear();
		sandbox.faults.add({ kind: 'status', status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' });
		const ag = await agentry<AgError>(sandbox, 'POST', agPath(inbox.inbox_id, '/drafts'), { body: { subject: 'x' } });
		expect(ag.statusCode).toBe(429);
		expect(ag.headers['retry-after']).toBe('Wed, 21 Oct 2026 07:28:00 GMT');
		expect(ag.body).toMatchObject({ name: 'RateLimitError', code: 'rate_limited', message: expect.any(String) });
		expect(sandbox.agentry.createCount).toBe(0);
	});

	it("'times' applies to the first N matching requests", async () => {
		sandbox.faults.add({ kind: 'status', status: 500, times: 2 });
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await create()).statusCode);
		expect(statuses).toEqual([500, 500, 201, 201]);
		expect(sandbox.hyperrep.createCount).toBe(2);
	});

	it("'every' applies to every Nth matching request, deterministically", async () => {
		sandbox.faults.add({ kind: 'status', status: 503, every: 5 });
		const statuses = [];
		for (let i = 0; i < 10; i++) statuses.push((await hyperrep(sandbox, 'GET', hrPath())).statusCode);
		expect(statuses).toEqual([200, 200, 200, 200, 503, 200, 200, 200, 200, 503]);
	});

	it("'every' with 'times' stops after N firings", async () => {
		sandbox.faults.add({ kind: 'status', status: 500, every: 2, times: 1 });
		const statuses = [];
		for (let i = 0; i < 6; i++) statuses.push((await hyperrep(sandbox, 'GET', hrPath())).statusCode);
		expect(statuses).toEqual([200, 500, 200, 200, 200, 200]);
	});

	it("'html' answers an HTML error page", async () => {
		sandbox.faults.add({ kind: 'html', status: 502 });
		const res = await hyperrep<string>(sandbox, 'GET', hrPath());
		expect(res.statusCode).toBe(502);
		expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
		expect(res.body).toMatch(/^<!DOCTYPE html>/);
	});

	it("'empty' answers the status with an empty body", async () => {
		sandbox.faults.add({ kind: 'empty', status: 500 });
		const res = await hyperrep(sandbox, 'GET', hrPath());
		expect(res.statusCode).toBe(500);
		expect(res.body).toBe('');
		expect(res.headers['content-length']).toBe('0');
		sandbox.faults.clear();
		sandbox.faults.add({ kind: 'empty', status: 200 });
		expect((await hyperrep(sandbox, 'GET', hrPath())).body).toBe('');
	});

	it("'truncated' cuts the JSON body off mid-stream: the helper throws; nothing processed", async () => {
		sandbox.faults.add({ kind: 'truncated', times: 1 });
		const error = await expectThrows(create());
		expect(error.message).toMatch(/aborted|socket hang up|ECONNRESET|premature/i);
		expect(sandbox.hyperrep.createCount).toBe(0);
		expect(sandbox.log[0].status).toBe(200);
		expect((await create()).statusCode).toBe(201);
	});

	it("'reset' drops the connection without processing", async () => {
		sandbox.faults.add({ kind: 'reset', match: { method: 'POST' }, times: 1 });
		const error = await expectThrows(create());
		expect(error.message).toMatch(/socket hang up|ECONNRESET/i);
		expect(sandbox.hyperrep.createCount).toBe(0);
		expect(sandbox.log[0]).toMatchObject({ method: 'POST', status: 0 });
	});

	it("'resetAfterProcessing' creates the draft, then drops the connection (ambiguous outcome)", async () => {
		sandbox.faults.add({ kind: 'resetAfterProcessing', times: 1 });
		await expectThrows(create());
		expect(sandbox.hyperrep.createCount).toBe(1);
		expect(sandbox.hyperrep.drafts(org)).toHaveLength(1);
		const inbox = sandbox.agentry.addInbox({});
		sandbox.faults.add({ kind: 'resetAfterProcessing', times: 1, match: { api: 'agentry' } });
		await expectThrows(agentry(sandbox, 'POST', agPath(inbox.inbox_id, '/drafts'), { body: { client_id: 'k' } }));
		const retry = await agentry(sandbox, 'POST', agPath(inbox.inbox_id, '/drafts'), { body: { client_id: 'k' } });
		expect(retry.statusCode).toBe(200);
		expect(sandbox.agentry.createCount).toBe(1);
	});

	it("'latency' delays and then processes; later rules still apply", async () => {
		sandbox.faults.add({ kind: 'latency', delayMs: 150, times: 1 });
		const started = Date.now();
		expect((await create()).statusCode).toBe(201);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		sandbox.faults.add({ kind: 'latency', delayMs: 50 });
		sandbox.faults.add({ kind: 'status', status: 504 });
		const t2 = Date.now();
		expect((await create()).statusCode).toBe(504);
		expect(Date.now() - t2).toBeGreaterThanOrEqual(45);
	});

	it("'body' answers the given raw JSON body (unexpected shapes, broken JSON)", async () => {
		sandbox.faults.add({ kind: 'body', body: '{"items": []}', times: 1 });
		const res = await hyperrep(sandbox, 'GET', hrPath());
		expect(res.statusCode).toBe(200);
		expect(res.headers['content-type']).toBe('application/json');
		expect(res.body).toEqual({ items: [] });
		sandbox.faults.add({ kind: 'body', body: '{"data": [', status: 200, times: 1 });
		expect((await hyperrep(sandbox, 'GET', hrPath())).body).toBe('{"data": [');
	});

	it('match by method, path (substring or RegExp) and api', async () => {
		const inbox = sandbox.agentry.addInbox({});
		const [d] = sandbox.agentry.seedDrafts(inbox.inbox_id, 2);
		sandbox.faults.add({ kind: 'status', status: 500, match: { api: 'agentry', method: 'post', path: '/send' } });
		sandbox.faults.add({ kind: 'status', status: 418, match: { path: /\/message-drafts\/HR_id_[^/]+$/ } });
		expect((await hyperrep(sandbox, 'GET', hrPath())).statusCode).toBe(200);
		expect((await hyperrep(sandbox, 'GET', hrPath('/HR_id_abc'))).statusCode).toBe(418);
		expect((await agentry(sandbox, 'GET', agPath(inbox.inbox_id, `/drafts/${d.draft_id}`))).statusCode).toBe(200);
		expect((await agentry(sandbox, 'POST', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/send`))).statusCode).toBe(500);
		expect(sandbox.agentry.sendCount).toBe(0);
	});

	it('downloads are faulted only by rules that name their path', async () => {
		const inbox = sandbox.agentry.addInbox({});
		const [d] = sandbox.agentry.seedDrafts(inbox.inbox_id, 1);
		const meta = sandbox.agentry.addAttachment(d.draft_id, { content: Buffer.from('abc') });
		const info = await agentry<AgAttachmentInfo>(sandbox, 'GET', agPath(inbox.inbox_id, `/drafts/${d.draft_id}/attachments/${meta.attachment_id}`));
		sandbox.faults.add({ kind: 'status', status: 500 });
		expect((await call(info.body.download_url, { encoding: 'arraybuffer' })).statusCode).toBe(200);
		sandbox.faults.clear();
		sandbox.faults.add({ kind: 'status', status: 503, match: { path: '/downloads/' }, times: 1 });
		expect((await call(info.body.download_url)).statusCode).toBe(503);
		expect(sandbox.downloadLog.map((e) => e.status)).toEqual([200, 503]);
		sandbox.faults.add({ kind: 'reset', match: { path: /^\/downloads\// }, times: 1 });
		await expectThrows(call(info.body.download_url));
	});

	it('rejects malformed rules', () => {
		expect(() => sandbox.faults.add({ kind: 'status', every: 0 })).toThrow();
		expect(() => sandbox.faults.add({ kind: 'nope' as 'status' })).toThrow();
	});
});

describe('Request log, latency and limits', () => {
	it('logs method, raw path, query, headers, parsed body, status and api', async () => {
		const inbox = sandbox.agentry.addInbox({ email: 'log@agentry.test' });
		await hyperrep(sandbox, 'POST', hrPath(), { body: { modality: 'email', subject: 'logged' }, qs: { trace: '1' } });
		await agentry(sandbox, 'GET', agPath(inbox.inbox_id, '/drafts'), { qs: { limit: 5 } });
		await agentry(sandbox, 'POST', agPath(inbox.inbox_id, '/drafts'), { body: 'not json', headers: { 'Content-Type': 'text/plain' } });
		await call(`${sandbox.url}/elsewhere`);
		expect(sandbox.log).toHaveLength(4);
		expect(sandbox.log[0]).toMatchObject({
			method: 'POST',
			path: '/api/v2/organizations/HR_org_demo/message-drafts',
			query: { trace: '1' },
			body: { modality: 'email', subject: 'logged' },
			status: 201,
			api: 'hyperrep',
		});
		expect(sandbox.log[0].headers['x-api-key']).toBe(Sandbox.HYPERREP_API_KEY);
		expect(sandbox.log[1]).toMatchObject({ path: '/human/v0/inboxes/log%40agentry.test/drafts', query: { limit: '5' }, body: undefined, api: 'agentry', status: 200 });
		expect(sandbox.log[1].headers.authorization).toBe(`Bearer ${Sandbox.AGENTRY_TOKEN}`);
		expect(sandbox.log[2]).toMatchObject({ body: 'not json', status: 400 });
		expect(sandbox.log[3]).toMatchObject({ api: 'unknown', status: 404 });
		sandbox.clearLog();
		expect(sandbox.log).toEqual([]);
	});

	it('faulted requests are logged too', async () => {
		sandbox.faults.add({ kind: 'html', status: 502, times: 1 });
		await hyperrep(sandbox, 'GET', hrPath());
		expect(sandbox.log).toEqual([expect.objectContaining({ status: 502, api: 'hyperrep' })]);
	});

	it('logging can be switched off at start and at runtime', async () => {
		const quiet = await Sandbox.start({ log: false });
		await hyperrep(quiet, 'GET', hrPath());
		expect(quiet.log).toEqual([]);
		quiet.logEnabled = true;
		await hyperrep(quiet, 'GET', hrPath());
		expect(quiet.log).toHaveLength(1);
		await quiet.stop();
	});

	it('latencyMs delays every API response and is settable at runtime', async () => {
		const slow = await Sandbox.start({ latencyMs: 100 });
		let started = Date.now();
		await hyperrep(slow, 'GET', hrPath());
		expect(Date.now() - started).toBeGreaterThanOrEqual(95);
		slow.latencyMs = 300;
		started = Date.now();
		await hyperrep(slow, 'GET', hrPath());
		expect(Date.now() - started).toBeGreaterThanOrEqual(295);
		await slow.stop();
	});

	it('bodies over maxBodyBytes -> 413', async () => {
		const tiny = await Sandbox.start({ maxBodyBytes: 1024 });
		const res = await hyperrep<{ detail: string }>(tiny, 'POST', hrPath(), { body: { modality: 'email', subject: 'x'.repeat(4000) } });
		expect(res.statusCode).toBe(413);
		expect(tiny.hyperrep.createCount).toBe(0);
		expect(tiny.log[0].status).toBe(413);
		await tiny.stop();
	});
});

describe('Clock control', () => {
	const DAY = 86_400_000;

	it('advance moves every later stamp forward', async () => {
		const before = Date.parse(sandbox.clock.now());
		sandbox.clock.advance(DAY);
		const created = await hyperrep<HrCreated>(sandbox, 'POST', hrPath(), { body: { modality: 'email', subject: 'later' } });
		const [stored] = sandbox.hyperrep.drafts(Sandbox.HYPERREP_ORG_ID);
		expect(stored.draft_id).toBe(created.body.draft_id);
		expect(Date.parse(stored.created_at) - before).toBeGreaterThanOrEqual(DAY);
		expect(Date.parse(stored.created_at) - before).toBeLessThan(DAY + 60_000);
		expect(() => sandbox.clock.advance(-1)).toThrow();
	});

	it('freeze stamps every write with one instant until resume; then time runs on after it', async () => {
		const at = sandbox.clock.freeze('2031-03-04T05:06:07.089Z');
		expect(at).toBe('2031-03-04T05:06:07.089Z');
		const inbox = sandbox.agentry.addInbox({});
		for (const subject of ['a', 'b', 'c']) {
			await agentry(sandbox, 'POST', agPath(inbox.inbox_id, '/drafts'), { body: { subject } });
			await hyperrep(sandbox, 'POST', hrPath(), { body: { modality: 'email', subject } });
		}
		const agentryStamps = sandbox.agentry.drafts(inbox.inbox_id).map((draft) => draft.updated_at);
		const hyperRepStamps = sandbox.hyperrep.drafts(Sandbox.HYPERREP_ORG_ID).map((draft) => draft.created_at);
		expect(new Set([...agentryStamps, ...hyperRepStamps])).toEqual(new Set([at]));
		// Ties are listed by draft_id, as the sandbox orders them.
		const listed = await hyperrep<HrList>(sandbox, 'GET', hrPath(), { qs: { start_date: at } });
		const ids = listed.body.data.map((draft) => draft.draft_id);
		expect(ids).toEqual([...ids].sort());
		expect(sandbox.clock.advance(1000)).toBe('2031-03-04T05:06:08.089Z');
		sandbox.clock.resume();
		const next = Date.parse(sandbox.clock.now());
		expect(next).toBeGreaterThan(Date.parse('2031-03-04T05:06:08.089Z'));
		expect(() => sandbox.clock.freeze('2031-03-04T05:06:07.089Z')).toThrow(/cannot go back/);
	});

	it('reset() returns to real time and unfreezes', () => {
		sandbox.clock.freeze(new Date(Date.now() + 10 * DAY).toISOString());
		sandbox.reset();
		const first = Date.parse(sandbox.clock.now());
		expect(Math.abs(first - Date.now())).toBeLessThan(60_000);
		expect(Date.parse(sandbox.clock.now())).toBeGreaterThan(first);
	});

	it('touchDraft stamps an Agentry draft updated now and moves it to the head; setSendStatus alone does not', async () => {
		const inbox = sandbox.agentry.addInbox({});
		const seeded = sandbox.agentry.seedDrafts(inbox.inbox_id, 3);
		sandbox.agentry.setSendStatus(seeded[2].draft_id, 'failed');
		const head = async () =>
			(await agentry<AgPage>(sandbox, 'GET', agPath(inbox.inbox_id, '/drafts'), { qs: { limit: 1 } })).body.drafts?.[0];
		expect((await head())?.draft_id).toBe(seeded[0].draft_id);
		sandbox.clock.advance(5000);
		const touched = sandbox.agentry.touchDraft(seeded[2].draft_id);
		expect(Date.parse(touched.updated_at)).toBeGreaterThan(Date.parse(seeded[0].updated_at) + 5000);
		expect(await head()).toMatchObject({ draft_id: seeded[2].draft_id, send_status: 'failed', updated_at: touched.updated_at });
		expect(() => sandbox.agentry.touchDraft('dr_missing')).toThrow();
	});
});
