import { Container } from '@n8n/di';
import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { InstanceSettings } from 'n8n-core';

describe("n8n-core's settings folder", () => {
	it('is a temporary N8N_USER_FOLDER, never the real ~/.n8n', () => {
		const folder = process.env.N8N_USER_FOLDER;
		expect(folder).toBeDefined();
		expect(relative(tmpdir(), folder ?? '').startsWith('..')).toBe(false);

		// Reading the settings creates `config` with an encryption key when it is missing.
		const settings = Container.get(InstanceSettings);
		expect(settings.n8nFolder).toBe(join(folder ?? '', '.n8n'));
		expect(settings.n8nFolder).not.toBe(join(homedir(), '.n8n'));
		expect(existsSync(join(settings.n8nFolder, 'config'))).toBe(true);
	});
});
