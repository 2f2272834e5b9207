import { Sandbox } from './server';

/** Demo data for `npm run sandbox`: the sample org with both channels, two Agentry inboxes with drafts. */
export function seedDemo(sandbox: Sandbox): void {
	const org = Sandbox.HYPERREP_ORG_ID;
	sandbox.hyperrep.setChannels(org, { email: true, text: true });
	sandbox.hyperrep.seedDrafts(org, 12, (i) => ({
		modality: i % 3 === 2 ? 'text' : 'email',
		folder: i % 2 === 0 ? 'sales-follow-up' : 'drafts',
		recipient_phone_number: i % 3 === 2 ? '513-867-5309' : null,
	}));

	const sales = sandbox.agentry.addInbox({ email: 'sales@agentry.test', display_name: 'Sales' });
	const review = sandbox.agentry.addInbox({
		email: 'review@agentry.test',
		display_name: 'Review (draft only)',
		draft_only: true,
	});
	const drafts = sandbox.agentry.seedDrafts(sales.inbox_id, 8, (i) => ({ labels: i % 2 === 0 ? ['outreach'] : [] }));
	sandbox.agentry.addAttachment(drafts[0].draft_id, {
		content: Buffer.from('Quote #1042\nTotal: 1,200 EUR\n', 'utf8'),
		filename: 'quote.txt',
		content_type: 'text/plain',
	});
	sandbox.agentry.seedDrafts(review.inbox_id, 3);
}
