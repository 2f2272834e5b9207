import { seedDemo } from './seed';
import { Sandbox } from './server';

/** `npm run sandbox`: a seeded sandbox on SANDBOX_PORT (default 8787) until SIGINT/SIGTERM. */

async function main(): Promise<void> {
	const port = Number(process.env.SANDBOX_PORT ?? 8787);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid SANDBOX_PORT: ${process.env.SANDBOX_PORT}`);
	const downloadPort = process.env.SANDBOX_DOWNLOAD_PORT === undefined ? 0 : Number(process.env.SANDBOX_DOWNLOAD_PORT);
	const sandbox = await Sandbox.start({ port, downloadPort });
	seedDemo(sandbox);

	console.log(`Sandbox listening (Ctrl+C to stop)

HyperRep
  Base URL:         ${sandbox.url}
  API key:          ${Sandbox.HYPERREP_API_KEY}
  Organization ID:  ${Sandbox.HYPERREP_ORG_ID}
  Try:              curl -H 'X-API-KEY: ${Sandbox.HYPERREP_API_KEY}' ${sandbox.url}/api/v2/organizations/${Sandbox.HYPERREP_ORG_ID}/message-drafts

Agentry
  Base URL:         ${sandbox.url}
  API token:        ${Sandbox.AGENTRY_TOKEN}
  Inboxes:          sales@agentry.test, review@agentry.test (draft only)
  Try:              curl -H 'Authorization: Bearer ${Sandbox.AGENTRY_TOKEN}' ${sandbox.url}/human/v0/inboxes

Attachment downloads are served from ${sandbox.downloadUrl}`);

	let stopping = false;
	const shutdown = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping sandbox`);
		sandbox.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
