import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts', 'index.ts', 'package.json'];

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'eslint.config.mjs'] },
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts', '**/*.js', '**/*.mjs'] })),
	{
		// The package.json rules read the manifest as a JSON expression.
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		// n8n's current rules for community packages, as its verification runs them.
		files: shipped,
		...n8nCommunityNodesPlugin.configs.recommended,
	},
	{
		// n8n's classic node and credential rules: naming, descriptions, sorted options.
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// The community plugin asks for NodeConnectionTypes constants instead of string literals.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// The community plugin accepts (and n8n's docs use) full URLs here.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: shipped.filter((pattern) => pattern.endsWith('.ts')),
		rules: { 'no-console': 'error' },
	},
	{
		files: ['test/**/*.ts', 'gulpfile.js', 'jest.config.js'],
		rules: {
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
);
