// A live instance for unit tests: the pieces imported here up front (or the `dependencies` given), memory identity, no
// page listeners, and every event it sends recorded.
import { createAnalytics } from '../../src/api/analytics';
import * as rules from '../../src/rules/piece';
import * as consent from '../../src/consent/piece';
import * as plan from '../../src/plan/piece';
import * as middleware from '../../src/middleware/piece';
import * as extras from '../../src/extras/piece';
import * as debug from '../../src/debug/piece';
import * as tracker from '../../src/tracker/piece';
import * as customerio from '../../src/destinations/customerio/piece';
import * as picker from '../../src/picker/piece';
import * as bots from '../../src/bots/piece';
import * as messages from '../../src/messages/piece';
import * as pageleave from '../../src/pageleave/piece';
import { loadKinds } from './kinds';
import type { LoadPiece, Pieces } from '../../src/pieces/contract';
import { createIdentity } from '../../src/identity/identity';
import { createMemoryStore } from '../../src/identity/stores';
import { createRecordingTransport } from './transport';
import type { AnalyticsDependencies } from '../../src/api/analytics';

/**
 * The pieces, resolved from modules already loaded: the ESM build's import() (src/pieces/bundled.ts) would make the
 * first use of each piece wait for vitest to transform its files, longer than the tests' short settles.
 */
const PIECES: Pieces = { bots, rules, consent, plan, middleware, extras, debug, tracker, customerio, picker, messages, pageleave };
const loadPiece: LoadPiece = (name) => Promise.resolve(PIECES[name]);

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
    { transport, identity: createIdentity([memory], [memory]), listen: false, pieces: loadPiece, kinds: loadKinds, ...dependencies },
  );
  return { analytics, sent };
}
