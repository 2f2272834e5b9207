import { hrPath, hyperrep } from './testClient';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('HyperRep auth', () => {
	const routes: Array<[ 'GET' | 'POST' | 'DELETE', string]> = [
		['GET', hrPath()],
		['POST', hrPath()],
		['GET', hrPath('/HR_id_x')],
		['DELETE', hrPath('/HR_id_x')],
	];

	it.each(routes)('%s %s without or with a wrong X-API-KEY -> 401', async (method, path) => {
		for (const apiKey of [null, 'wrong-key']) {
			const res = await hyperrep(sandbox(), method, path, { apiKey, body: { modality: 'email', subject: 'x' } });
			expect(res.statusCode).toBe(401);
			expect(res.body).toEqual({ detail: 'Invalid or missing API key' });
		}
		expect(sandbox().hyperrep.createCount).toBe(0);
	});

	it("a key used on another organization's path -> 403", async () => {
		sandbox().hyperrep.addOrganization({ organizationId: 'HR_org_other', apiKey: 'hr_other_key' });
		const res = await hyperrep<{ detail: string }>(sandbox(), 'GET', hrPath('', 'HR_org_other'));
		expect(res.statusCode).toBe(403);
		expect(typeof res.body.detail).toBe('string');
		const own = await hyperrep(sandbox(), 'GET', hrPath('', 'HR_org_other'), { apiKey: 'hr_other_key' });
		expect(own.statusCode).toBe(200);
		const unknownOrg = await hyperrep(sandbox(), 'GET', hrPath('', 'HR_org_nope'));
		expect(unknownOrg.statusCode).toBe(403);
	});
});
