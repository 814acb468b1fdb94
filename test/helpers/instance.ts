// A live instance for unit tests: bundled pieces (or the `dependencies` given), memory identity, no page listeners, and
// every event it sends recorded.
import { createAnalytics } from '../../src/api/analytics';
import { loadBundledPiece } from '../../src/pieces/bundled';
import { createIdentity } from '../../src/identity/identity';
import { createMemoryStore } from '../../src/identity/stores';
import { createRecordingTransport } from './transport';
import type { AnalyticsDependencies } from '../../src/api/analytics';

/**
 * An instance sending each event at once (flushAt 1) to a recording Segment; `sent` holds the events delivered. Instances
 * of one write key share the buffer's storage: give each its own key when several live in one file.
 */
export function createRecordedInstance(options: Record<string, unknown> = {}, writeKey = 'KEY', dependencies: AnalyticsDependencies = {}) {
  const sent: any[] = [];
  const transport = createRecordingTransport(
    (request) => {
      sent.push(...JSON.parse(request.body).batch);
      return { status: 200 };
    },
    { keepalive: false },
  );
  const memory = createMemoryStore();
  const analytics = createAnalytics(
    writeKey,
    { flushAt: 1, segment: { apiHost: 'http://collector.test/v1' }, ...options },
    { transport, identity: createIdentity([memory], [memory]), listen: false, pieces: loadBundledPiece, ...dependencies },
  );
  return { analytics, sent };
}
