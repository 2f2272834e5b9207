export default function globalTeardown(): void {
	(globalThis as { removeUserFolder?: () => void }).removeUserFolder?.();
}
