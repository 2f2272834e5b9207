import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Every file under the user's real `~/.n8n` with its size and modification time ("absent" when there is none). */
export function snapshotRealN8nFolder(): string {
	const folder = join(homedir(), '.n8n');
	if (!existsSync(folder)) return 'absent';
	const lines: string[] = [];
	const walk = (path: string) => {
		for (const entry of readdirSync(path, { withFileTypes: true })) {
			const child = join(path, entry.name);
			if (entry.isDirectory()) walk(child);
			else lines.push(`${child} ${statSync(child).size} ${statSync(child).mtimeMs}`);
		}
	};
	walk(folder);
	return lines.sort().join('\n');
}
