// The snippet contract: read the stub the Segment snippet leaves at window.analytics, replay its buffered calls in order.
import { logError } from '../errors';
import type { Analytics } from './analytics';

/** What the snippet leaves behind: an array of `[method, ...args]` with the key and options on it. */
export interface SnippetStub extends Array<unknown> {
  _writeKey?: string;
  _loadOptions?: unknown;
  initialized?: boolean;
  invoked?: boolean;
  load?: (writeKey: string, options?: unknown) => void;
}

/** Calls that analytics.js replays before all others, so listeners and ids are in place for the rest. */
const FIRST = new Set(['setAnonymousId', 'on', 'once', 'off', 'debug']);

/**
 * Replays the stub's buffered calls on the live instance: setAnonymousId / on / debug first, then the rest
 * in the order they were made. `splice(0)` empties the stub, so nothing is replayed twice.
 */
export function drainStub(stub: unknown[], analytics: Analytics): void {
  const calls = stub.splice(0).filter((entry): entry is unknown[] => Array.isArray(entry) && typeof entry[0] === 'string');
  const first = calls.filter((entry) => FIRST.has(entry[0] as string));
  const rest = calls.filter((entry) => !FIRST.has(entry[0] as string));
  for (const entry of [...first, ...rest]) analytics.push(entry);
}

/** The snippet's method names (5.2.1), for a stub tally makes itself when a page loads the bundle without the snippet. */
export const SNIPPET_METHODS = (
  'trackSubmit trackClick trackLink trackForm pageview identify reset group track ready alias debug page screen once off on ' +
  'addSourceMiddleware addIntegrationMiddleware setAnonymousId addDestinationMiddleware register'
).split(' ');

/**
 * A stub like the snippet's, for pages that include the bundle without it: calls are buffered until
 * `load(writeKey, options)` hands the stub to `start`.
 */
export function createStub(start: (stub: SnippetStub) => void): SnippetStub {
  const stub: SnippetStub = [];
  for (const method of SNIPPET_METHODS) {
    (stub as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      stub.push([method, ...args]);
      return stub;
    };
  }
  stub.load = (writeKey, options) => {
    stub._writeKey = writeKey;
    stub._loadOptions = options;
    try {
      start(stub);
    } catch (error) {
      logError(error);
    }
  };
  return stub;
}
