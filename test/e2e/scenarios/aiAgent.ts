import assert from 'node:assert/strict';

import type { ChatRequest } from '../chatModel';
import type { Scenario } from '../scenario';
import { AGENTRY_CREATE, body, example, requests, SALES_INBOX } from './support';

/** What the scripted model asks the Agentry tool for. */
const DRAFT = {
	to: 'Diana Prince <diana@themyscira.example>',
	subject: 'Your quote Q-1042',
	text: 'Hi Diana,\n\njust checking that quote Q-1042 reached you. Happy to answer any questions.\n\nBest,\nSam',
};

const toolMessages = (request: ChatRequest | undefined) => (request?.messages ?? []).filter((message) => message.role === 'tool');
const toolNamed = (request: ChatRequest, pattern: RegExp) => request.tools?.find((tool) => pattern.test(tool.function.name))?.function.name;

/**
 * The model first lists the HyperRep review queue, then creates the Agentry draft, then answers
 * with the ID it got back: one request per step, each decided by the tool results so far.
 */
function script(request: ChatRequest) {
	const results = toolMessages(request);
	if (results.length === 0) return { toolCall: { name: toolNamed(request, /hyperrep/i) ?? 'missing_hyperrep_tool', arguments: {} } };
	if (results.length === 1) return { toolCall: { name: toolNamed(request, /agentry/i) ?? 'missing_agentry_tool', arguments: DRAFT } };
	const draftId = /"draft_id":\s*"([^"]+)"/.exec(String(results[1].content))?.[1] ?? 'unknown';
	return { text: `I saved the follow-up for review as draft ${draftId}.` };
}

/** examples/ai-agent-follow-up-draft.json */
export const aiAgent: Scenario = {
	title: 'Example: AI Agent with the HyperRep and Agentry tools, and a scripted chat model',
	workflow: example('exAiAgentDraft01'),
	prepare: ({ chatModel }) => {
		chatModel.requests.length = 0;
		chatModel.script = script;
	},
	checks: (run, { sandbox, chatModel }) => ({
		'the model was offered both tools and asked three times': () => {
			const [first] = chatModel.requests;
			assert.ok(first, 'the model received no request');
			const names = (first.tools ?? []).map((tool) => tool.function.name);
			assert.ok(names.some((name) => /hyperrep/i.test(name)) && names.some((name) => /agentry/i.test(name)), `tools offered: ${names.join(', ')}`);
			assert.equal(chatModel.requests.length, 3);
		},
		'the HyperRep tool gave the model the review queue': () => {
			const [result] = toolMessages(chatModel.requests[1]);
			assert.match(String(result?.content), /"draft_id":\s*"HR_id_/);
		},
		"exactly one Agentry draft, with the model's arguments": () => {
			const creates = requests(sandbox, 'POST', AGENTRY_CREATE).map(body);
			assert.equal(creates.length, 1);
			assert.deepEqual({ to: creates[0].to, subject: creates[0].subject, text: creates[0].text }, { ...DRAFT, to: [DRAFT.to] });
		},
		'the model received the created draft back, and the agent answered with its ID': () => {
			const created = sandbox.agentry.drafts(SALES_INBOX).find((draft) => draft.subject === DRAFT.subject);
			assert.ok(created, 'the draft is not in the inbox');
			assert.ok(String(toolMessages(chatModel.requests[2])[1]?.content).includes(created.draft_id), 'the tool result lacks the draft ID');
			assert.deepEqual(run.json('AI Agent'), [{ output: `I saved the follow-up for review as draft ${created.draft_id}.` }]);
		},
	}),
};
