import { useTemporaryUserFolder } from './userFolder';

/** One temporary N8N_USER_FOLDER for the whole run; the workers inherit it. */
export default function globalSetup(): void {
	(globalThis as { removeUserFolder?: () => void }).removeUserFolder = useTemporaryUserFolder();
}
