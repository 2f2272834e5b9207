/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	testTimeout: 30000,
	// n8n-core writes its settings under N8N_USER_FOLDER: a temporary one, never ~/.n8n.
	globalSetup: '<rootDir>/test/support/jestGlobalSetup.ts',
	globalTeardown: '<rootDir>/test/support/jestGlobalTeardown.ts',
	// Retries without Retry-After go out at once in tests: no test sleeps a random backoff.
	setupFilesAfterEnv: ['<rootDir>/test/support/jestSetup.ts'],
};
