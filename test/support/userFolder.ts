import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * n8n-core keeps its settings (an encryption key in `.n8n/config`) under N8N_USER_FOLDER, or under
 * the user's home when that is unset. The tests, the demo and the bench point it at a temporary
 * folder so that they never write the user's real `~/.n8n`. Call it before n8n-core first reads its
 * settings; it returns what removes the folder again.
 */
export function useTemporaryUserFolder(): () => void {
	const folder = mkdtempSync(join(tmpdir(), 'n8n-nodes-hyperrep-agentry-'));
	process.env.N8N_USER_FOLDER = folder;
	return () => rmSync(folder, { recursive: true, force: true });
}
