import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

// `n8n-node lint`'s config (@n8n/node-cli 0.48.3, src/configs/eslint.ts) over the plugin
// versions it uses, less import-x's import rules (the typecheck catches unresolved imports).
// node-cli itself can't be a devDependency: 0.48.3 brings a second n8n-workflow (2.39.1, through
// @n8n/ai-node-sdk) and with it isolated-vm, which needs Node 24; the `overrides` that would avoid
// both are refused by n8n's package rules (no-overrides-field); and 0.34.0, which installs on
// Node 20, pins older plugins (community-nodes 0.19.0, nodes-base 1.16.5).
// test/scan.test.ts checks that this config enforces every rule of n8n's verification scan.
const notShipped = ['test/**', 'gulpfile.js', 'jest.config.js'];
const shippedJson = ['package.json', 'nodes/**/*.json', 'credentials/**/*.json'];

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.dev/**', 'eslint.config.mjs'] },
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: { 'prefer-spread': 'off' },
	},
	{
		// As n8n's scan, also the manifest and the codex files.
		files: ['**/*.ts', ...shippedJson],
		ignores: notShipped,
		extends: [n8nCommunityNodesPlugin.configs.recommended],
		rules: { 'no-console': 'error' },
	},
	{
		files: shippedJson,
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: n8nNodesBase.configs.community.rules },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		// Every check on user input runs in linear time: a pattern that can backtrack or move
		// super-linearly (ReDoS) over what a user or a server sends fails the lint. Strictest
		// settings: uncertain cases too, and patterns built from parts (new RegExp(`...`)).
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		plugins: { regexp },
		rules: {
			'regexp/no-dupe-disjunctions': ['error', { report: 'all' }],
			'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
			'regexp/no-super-linear-move': ['error', { report: 'potential', ignoreSticky: false, ignorePartial: false }],
		},
	},
	{ files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.recommended] },
	{ files: notShipped, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
