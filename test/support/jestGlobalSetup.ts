import { ensureFreshDist } from './freshDist';
import { useTemporaryUserFolder } from './userFolder';

/** A current dist/ (built when a source changed after it), and one temporary N8N_USER_FOLDER for the whole run; the workers inherit it. */
export default function globalSetup(): void {
	ensureFreshDist();
	(globalThis as { removeUserFolder?: () => void }).removeUserFolder = useTemporaryUserFolder();
}
