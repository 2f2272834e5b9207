import { Sandbox, type HyperRepDraft } from './server';
import { hrPath, hyperrep } from './testClient';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('HyperRep get and delete', () => {
	const org = Sandbox.HYPERREP_ORG_ID;

	it('gets a draft; unknown ids are a plain 404', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(org, 1);
		const got = await hyperrep<HyperRepDraft>(sandbox(), 'GET', hrPath(`/${draft.draft_id}`));
		expect(got.body).toEqual(draft);
		const missing = await hyperrep(sandbox(), 'GET', hrPath('/HR_id_missing'));
		expect(missing.statusCode).toBe(404);
		expect(missing.body).toEqual({ detail: 'Message draft not found' });
	});

	it("another organization's draft is not found", async () => {
		sandbox().hyperrep.addOrganization({ organizationId: 'HR_org_b', apiKey: 'kb' });
		const [foreign] = sandbox().hyperrep.seedDrafts('HR_org_b', 1);
		const res = await hyperrep(sandbox(), 'GET', hrPath(`/${foreign.draft_id}`));
		expect(res.statusCode).toBe(404);
	});

	it('a promoted draft -> 404 with a hint to the conversation route (get and delete)', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(org, 1);
		sandbox().hyperrep.markPromoted(draft.draft_id, 'HR_id_conv_1');
		for (const method of ['GET', 'DELETE'] as const) {
			const res = await hyperrep<{ detail: { message: string; hint: string; route: string } }>(sandbox(), method, hrPath(`/${draft.draft_id}`));
			expect(res.statusCode).toBe(404);
			expect(res.body.detail).toMatchObject({
				message: expect.any(String),
				hint: expect.any(String),
				route: `/api/v2/organizations/${org}/conversations/HR_id_conv_1`,
			});
		}
		expect(sandbox().hyperrep.drafts(org)).toEqual([]);
	});

	it('a response-draft id -> 404 with a hint to the response-drafts route', async () => {
		const id = sandbox().hyperrep.addResponseDraft(org);
		const res = await hyperrep<{ detail: { route: string; hint: string } }>(sandbox(), 'GET', hrPath(`/${id}`));
		expect(res.statusCode).toBe(404);
		expect(res.body.detail.route).toBe(`/api/v2/organizations/${org}/response-drafts/${id}`);
	});

	it('deletes: 204 with no body, then 404', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(org, 2);
		const res = await hyperrep(sandbox(), 'DELETE', hrPath(`/${draft.draft_id}`));
		expect(res.statusCode).toBe(204);
		expect(res.body).toBe('');
		expect((await hyperrep(sandbox(), 'GET', hrPath(`/${draft.draft_id}`))).statusCode).toBe(404);
		expect((await hyperrep(sandbox(), 'DELETE', hrPath(`/${draft.draft_id}`))).statusCode).toBe(404);
		expect(sandbox().hyperrep.drafts(org)).toHaveLength(1);
	});

	it('deleting a sending draft -> 400', async () => {
		const [draft] = sandbox().hyperrep.seedDrafts(org, 1);
		sandbox().hyperrep.setSending(draft.draft_id);
		const res = await hyperrep(sandbox(), 'DELETE', hrPath(`/${draft.draft_id}`));
		expect(res.statusCode).toBe(400);
		expect(res.body).toEqual({ detail: 'Draft is currently sending and can no longer be deleted' });
		expect(sandbox().hyperrep.drafts(org)).toHaveLength(1);
	});

	it('decodes path parameters once: an encoded slash is an id, never another route', async () => {
		sandbox().hyperrep.seedDrafts(org, 1);
		const res = await hyperrep(sandbox(), 'GET', hrPath('/..%2F..%2Fmessage-drafts'));
		expect(res.statusCode).toBe(404);
		expect(res.body).toEqual({ detail: 'Message draft not found' });
		const weird = sandbox().hyperrep.addDraft(org, { draft_id: 'a/b c', subject: 's' });
		const got = await hyperrep<HyperRepDraft>(sandbox(), 'GET', hrPath(`/${encodeURIComponent(weird.draft_id)}`));
		expect(got.body.draft_id).toBe('a/b c');
		sandbox().hyperrep.addOrganization({ organizationId: 'org/with space', apiKey: 'ks' });
		const list = await hyperrep(sandbox(), 'GET', hrPath('', 'org/with space'), { apiKey: 'ks' });
		expect(list.statusCode).toBe(200);
	});

	it('unknown routes -> 404 and wrong methods -> 405, FastAPI style', async () => {
		const nf = await hyperrep(sandbox(), 'GET', `/api/v2/organizations/${org}/conversations`);
		expect(nf.statusCode).toBe(404);
		expect(nf.body).toEqual({ detail: 'Not Found' });
		const put = await hyperrep(sandbox(), 'PUT', hrPath('/HR_id_x'), { body: { a: 1 } });
		expect(put.statusCode).toBe(405);
		expect(put.body).toEqual({ detail: 'Method Not Allowed' });
		expect(put.headers.allow).toBe('GET, DELETE');
		const patch = await hyperrep(sandbox(), 'PATCH', hrPath(), { body: { a: 1 } });
		expect(patch.statusCode).toBe(405);
	});
});
