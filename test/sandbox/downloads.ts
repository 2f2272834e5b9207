import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AgentryState } from './agentryState';
import { json, type ApiResponse } from './http';
import { route, type Route } from './router';

/**
 * Signed, expiring download links served by the second listener. The token alone authorizes the
 * download, like a pre-signed storage URL: no API token is needed (or expected) on that host.
 */

export class DownloadSigner {
	private readonly key = randomBytes(32);

	sign(attachmentId: string, expiresAtMs: number): string {
		const payload = Buffer.from(JSON.stringify({ a: attachmentId, e: expiresAtMs }), 'utf8').toString('base64url');
		return `${payload}.${this.mac(payload)}`;
	}

	/** The attachment id if the token is genuine and not expired. */
	verify(token: string, nowMs: number): string | undefined {
		const [payload, mac, extra] = token.split('.');
		if (!payload || !mac || extra !== undefined) return undefined;
		const expected = Buffer.from(this.mac(payload));
		const given = Buffer.from(mac);
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
		try {
			const { a, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { a?: unknown; e?: unknown };
			return typeof a === 'string' && typeof e === 'number' && e > nowMs ? a : undefined;
		} catch {
			return undefined;
		}
	}

	private mac(payload: string): string {
		return createHmac('sha256', this.key).update(payload).digest('base64url');
	}
}

export function downloadNotFound(): ApiResponse {
	return json(404, { name: 'NotFoundError', code: 'download_not_found', message: 'Download link is invalid or has expired' });
}

/** `filename="..."` for ASCII clients plus RFC 5987 `filename*` for the exact name. */
export function contentDisposition(filename: string): string {
	const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function downloadRoutes(state: AgentryState, signer: DownloadSigner): Route[] {
	return [
		route('/downloads/:token', {
			GET: (ctx) => {
				const id = signer.verify(ctx.params.token, Date.now());
				const stored = id === undefined ? undefined : state.attachmentById(id);
				if (!stored) return downloadNotFound();
				return {
					status: 200,
					raw: stored.bytes,
					headers: {
						'Content-Type': stored.meta.content_type ?? 'application/octet-stream',
						'Content-Disposition': contentDisposition(stored.meta.filename ?? 'attachment'),
						'Cache-Control': 'private, no-store',
					},
				};
			},
		}),
	];
}
