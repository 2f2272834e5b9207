import type { SortKey } from './sortedIndex';

/**
 * Opaque page cursors. They carry the key of the last item served (keyset pagination), so pages stay
 * free of duplicates and gaps even when drafts are added or removed between page requests.
 */

export function encodeCursor(key: SortKey): string {
	return Buffer.from(JSON.stringify({ v: 1, t: key.t, id: key.id }), 'utf8').toString('base64url');
}

/** Returns undefined for anything this sandbox did not issue. */
export function decodeCursor(raw: string): SortKey | undefined {
	if (!/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
	if (typeof parsed !== 'object' || parsed === null) return undefined;
	const { v, t, id } = parsed as Record<string, unknown>;
	if (v !== 1 || typeof t !== 'number' || !Number.isFinite(t) || typeof id !== 'string') return undefined;
	return { t, id };
}
