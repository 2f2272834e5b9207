import { retryBackoff } from '../../nodes/shared/retry';

/**
 * Run before every test file: a retry the API gave no Retry-After for goes out at once, so that no
 * test sleeps a random backoff. The backoff itself is tested in test/shared/retry.test.ts; a test
 * that wants to see the waits replaces `retryBackoff.waitMs` with a recorder (see
 * test/shared/transport.retries.test.ts).
 */
retryBackoff.waitMs = () => 0;
