import assert from 'node:assert/strict';

import type { Scenario } from '../scenario';
import { example, ORG, requests } from './support';

const FOLDER = 'sales-follow-up';

/** examples/review-queue-digest.json, over more drafts than one page holds. */
export const reviewDigest: Scenario = {
	title: 'Example: review-queue digest, HyperRep Get Many of a folder, summarized',
	workflow: example('exReviewDigest01'),
	prepare: ({ sandbox }) => {
		sandbox.hyperrep.seedDrafts(ORG, 230, (i) => ({
			folder: i % 3 === 0 ? FOLDER : 'drafts',
			scheduled_send_at: i % 4 === 0 ? '2030-01-01T09:00:00.000Z' : null,
		}));
	},
	checks: (run, { sandbox }) => {
		const waiting = () => sandbox.hyperrep.drafts(ORG).filter((draft) => draft.folder === FOLDER && !draft.scheduled_send_at);
		return {
			'Return All read every draft, 100 to a page': () => {
				const total = sandbox.hyperrep.drafts(ORG).length;
				const pages = requests(sandbox, 'GET', /\/message-drafts$/);
				assert.equal(pages.length, Math.ceil(total / 100));
				assert.ok(pages.every((page) => page.query.limit === '100'), 'a page was not asked for 100 drafts');
				assert.equal(run.items('All message drafts').length, total);
			},
			'the digest counts and lists exactly the drafts waiting for review in the folder': () => {
				const [digest] = run.json('Digest of Sales Follow-up');
				const expected = waiting();
				assert.ok(expected.length > 0);
				assert.equal(digest?.waiting, expected.length);
				assert.deepEqual([...(digest.draftIds as string[])].sort(), expected.map((draft) => draft.draft_id).sort());
				assert.match(String(digest.text), new RegExp(`^${expected.length} drafts are waiting for review in ${FOLDER}:`));
			},
		};
	},
};
