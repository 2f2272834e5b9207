import { loadOptions } from '../../harness/loadOptions';
import { agentryCredentials, byId } from '../../support/sandbox';
import { INBOX, useAgentry } from '../support';

const { sandbox, expectAllAuthorized } = useAgentry();

describe('label options', () => {
	const credentials = () => agentryCredentials(sandbox());

	test('labels: those used on the inbox’s latest 1000 drafts, sorted and unique', async () => {
		sandbox().agentry.seedDrafts(INBOX, 1100, (i) => ({
			labels: i === 1050 ? ['too-old'] : i % 3 === 0 ? ['vip', 'quotes'] : i % 3 === 1 ? ['quotes'] : [],
		}));
		const options = await loadOptions({
			type: 'agentry',
			method: 'getLabels',
			credentials: credentials(),
			parameters: { inboxId: byId(INBOX) },
		});
		expect(options).toEqual([
			{ name: 'quotes', value: 'quotes' },
			{ name: 'vip', value: 'vip' },
		]);
		expect(sandbox().log).toHaveLength(10);
		expectAllAuthorized();
	});
});
