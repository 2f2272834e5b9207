import { Sandbox, type HyperRepDraft } from './server';
import { hrPath, hyperrep } from './testClient';
import { type HrCreated, type PydanticDetail } from './testSupport';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

describe('HyperRep create', () => {
	it('creates a saved draft: 201, exact response shape, normalized folder, full stored shape', async () => {
		const res = await hyperrep<HrCreated>(sandbox(), 'POST', hrPath(), {
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
		expect(sandbox().hyperrep.createCount).toBe(1);

		const got = await hyperrep<HyperRepDraft>(sandbox(), 'GET', hrPath(`/${res.body.draft_id}`));
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
		const res = await hyperrep<HrCreated>(sandbox(), 'POST', hrPath(), { body: { modality: 'text', body_html: 'x', folder } });
		expect(res.statusCode).toBe(201);
		expect(res.body.folder).toBe(expected);
	});

	it('autosend queues the draft: scheduled_to_send, ISO scheduled_send_at, still retrievable', async () => {
		const res = await hyperrep<HrCreated>(sandbox(), 'POST', hrPath(), {
			body: { modality: 'email', subject: 'Now', autosend_draft: true, add_notification: false },
		});
		expect(res.statusCode).toBe(201);
		expect(res.body.scheduled_to_send).toBe(true);
		expect(Number.isNaN(Date.parse(res.body.scheduled_send_at ?? ''))).toBe(false);
		const got = await hyperrep<HyperRepDraft>(sandbox(), 'GET', hrPath(`/${res.body.draft_id}`));
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
		const res = await hyperrep<{ detail: PydanticDetail[] }>(sandbox(), 'POST', hrPath(), { body });
		expect(res.statusCode).toBe(422);
		expect(Array.isArray(res.body.detail)).toBe(true);
		expect(res.body.detail[0].loc).toContain(field);
		expect(typeof res.body.detail[0].msg).toBe('string');
		expect(sandbox().hyperrep.createCount).toBe(0);
	});

	it.each<[string, unknown, RegExp]>([
		['neither subject nor body_html', { modality: 'email', to_email: 'a@example.com' }, /subject or body_html/],
		['blank subject and body_html', { modality: 'email', subject: '  ', body_html: '' }, /subject or body_html/],
		['autosend with notification', { modality: 'email', subject: 'x', autosend_draft: true, add_notification: true }, /mutually exclusive/],
	])('%s -> 422 model error', async (_name, body, message) => {
		const res = await hyperrep<{ detail: PydanticDetail[] }>(sandbox(), 'POST', hrPath(), { body });
		expect(res.statusCode).toBe(422);
		expect(res.body.detail[0]).toMatchObject({ type: 'value_error', loc: ['body'], msg: expect.stringMatching(message) });
	});

	it('a body that is not JSON -> 422 json_invalid', async () => {
		const res = await hyperrep<{ detail: PydanticDetail[] }>(sandbox(), 'POST', hrPath(), {
			// A Buffer goes out byte for byte (axios would re-encode a string as a JSON string literal).
			body: Buffer.from('{"modality": "email",'),
			headers: { 'Content-Type': 'application/json' },
		});
		expect(res.statusCode).toBe(422);
		expect(res.body.detail[0].type).toBe('json_invalid');
		const notObject = await hyperrep<{ detail: PydanticDetail[] }>(sandbox(), 'POST', hrPath(), { body: [1, 2] });
		expect(notObject.statusCode).toBe(422);
		expect(notObject.body.detail[0].type).toBe('model_attributes_type');
	});

	it('a modality without configured channel -> 400 naming the modality; nothing created', async () => {
		sandbox().hyperrep.setChannels(Sandbox.HYPERREP_ORG_ID, { text: false });
		const res = await hyperrep<{ detail: string }>(sandbox(), 'POST', hrPath(), { body: { modality: 'text', subject: 'x' } });
		expect(res.statusCode).toBe(400);
		expect(res.body.detail).toBe("No credentials configured for modality 'text' in this organization");
		expect(sandbox().hyperrep.drafts(Sandbox.HYPERREP_ORG_ID)).toHaveLength(0);
		const email = await hyperrep(sandbox(), 'POST', hrPath(), { body: { modality: 'email', subject: 'x' } });
		expect(email.statusCode).toBe(201);
		sandbox().hyperrep.addOrganization({ organizationId: 'HR_org_mail', apiKey: 'k2', channels: { email: true, text: false } });
		const other = await hyperrep(sandbox(), 'POST', hrPath('', 'HR_org_mail'), { apiKey: 'k2', body: { modality: 'text', subject: 'x' } });
		expect(other.statusCode).toBe(400);
	});
});
