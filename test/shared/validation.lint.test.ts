import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The lint is the guard against the next quadratic pattern: eslint-plugin-regexp's super-linear
 * rules run on nodes/ and credentials/ as errors, so `npm test` fails on them.
 */
const ROOT = join(__dirname, '..', '..');

/** One line each: a pattern the lint must refuse with this rule, or (null) must accept. */
const LINES: Array<[string, string | null]> = [
	// The address pattern that took 0.5 s on "a" + 40,000 spaces + "b".
	['export const named = /^([\\s\\S]*?)\\s*<\\s*([^<>\\s]+)\\s*>$/;', 'regexp/no-super-linear-backtracking'],
	["export const trim = (url: string) => url.replace(/\\/+$/, '');", 'regexp/no-super-linear-move'],
	["export const strip = (html: string) => html.replace(/<[^>]+>/g, ' ');", 'regexp/no-super-linear-move'],
	["const NAME = '\\\\s*\\\\w*'; export const built = new RegExp(`^${NAME}\\\\s*$`);", 'regexp/no-super-linear-backtracking'],
	['export const words = /^(?:\\w|\\d)+$/;', 'regexp/no-dupe-disjunctions'],
	// The linear forms the nodes use instead.
	["export const trimmed = (url: string) => url.replace(/(?<!\\/)\\/+$/, '');", null],
	["export const stripped = (html: string) => html.replace(/<[^<>]+>/g, ' ');", null],
	['export const quoted = /^"((?:[^"\\\\]|\\\\.)*)"$/;', null],
];

/** The rules the lint reports, by line, for the snippets as a file at `path`. */
function lint(path: string): Map<number, string[]> {
	const env = { ...process.env };
	// eslint-plugin-n8n-nodes-base treats every file as every kind of node file under NODE_ENV=test (jest's).
	delete env.NODE_ENV;
	const run = spawnSync(
		process.execPath,
		[join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', path, '--format', 'json'],
		{ cwd: ROOT, env, encoding: 'utf8', input: `${LINES.map(([code]) => code).join('\n')}\n` },
	);
	const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ line: number; ruleId: string | null }> }>;
	const rules = new Map<number, string[]>();
	for (const { line, ruleId } of result.messages) rules.set(line, [...(rules.get(line) ?? []), String(ruleId)]);
	return rules;
}

test.each(['nodes/shared/example.ts', 'credentials/Example.credentials.ts'])(
	'in %s the lint refuses super-linear patterns and accepts their linear forms',
	(path) => {
		const reported = lint(path);
		LINES.forEach(([code, rule], index) => {
			const rules = (reported.get(index + 1) ?? []).filter((id) => id.startsWith('regexp/'));
			expect({ code, rules }).toEqual({ code, rules: rule ? [rule] : [] });
		});
	},
);
