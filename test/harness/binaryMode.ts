import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type BinaryDataConfig = ConstructorParameters<typeof BinaryDataService>[0];
type ErrorReporter = ConstructorParameters<typeof BinaryDataService>[1];
type Logger = ConstructorParameters<typeof BinaryDataService>[2];

/**
 * Switches n8n-core to keep binary data on disk, as n8n does with N8N_DEFAULT_BINARY_DATA_MODE
 * set to filesystem; returns a function that switches back to memory and removes the files.
 */
export async function useFilesystemBinaryData(): Promise<() => void> {
	const directory = mkdtempSync(join(tmpdir(), 'n8n-binary-'));
	const previous = Container.has(BinaryDataService) ? Container.get(BinaryDataService) : undefined;
	const config = {
		mode: 'filesystem',
		availableModes: ['default', 'filesystem'],
		localStoragePath: directory,
		signingSecret: 'test-signing-secret',
		dbMaxFileSize: 512,
	} as BinaryDataConfig;
	const quiet = { scoped: () => quiet, debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
	const service = new BinaryDataService(config, { error() {} } as unknown as ErrorReporter, quiet);
	await service.init();
	Container.set(BinaryDataService, service);
	return () => {
		if (previous) Container.set(BinaryDataService, previous);
		rmSync(directory, { recursive: true, force: true });
	};
}
