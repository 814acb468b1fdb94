// The instance load() returns where there is no page (server rendering in Next.js or Nuxt, a test runner in Node): it
// has the whole API and does nothing, so code shared by server and browser needs no `typeof window` guard.
import { LIBRARY } from '../event/build';
import { logWarning } from '../errors';
import { createConfig } from '../config/config';
import type { Options } from '../config/config';
import type { Analytics, User } from './types';

/** True where tally cannot run: no window or no document (a server, a worker). */
export const isServer = (): boolean => typeof window === 'undefined' || typeof document === 'undefined';

/**
 * An instance whose calls do nothing: tracking calls resolve to undefined without calling back, flush() and ready()
 * resolve at once (so server code awaiting them does not hang), stats() is empty. Says once that tally runs in the browser.
 * @example if (isServer()) return createInertAnalytics('KEY', options)
 */
export function createInertAnalytics(writeKey: string, options?: Options): Analytics {
  logWarning('load() ran without a window (server rendering?): tally runs in the browser, so this instance does nothing');
  const nothing = () => Promise.resolve(undefined);
  const user: User = { id: () => null, anonymousId: () => '', traits: () => ({}) };
  const analytics: Analytics = {
    initialized: true,
    VERSION: LIBRARY.version,
    config: createConfig(writeKey, options),
    track: nothing,
    identify: nothing,
    page: nothing,
    pageview: nothing,
    screen: nothing,
    group: nothing,
    alias: nothing,
    reset: () => {},
    ready: () => Promise.resolve(),
    on: () => analytics,
    once: () => analytics,
    off: () => analytics,
    user: () => user,
    setAnonymousId: () => '',
    debug: () => analytics,
    flush: () => Promise.resolve(),
    push: () => {},
    stats: () => ({}),
    consent: () => analytics,
    addSourceMiddleware: () => Promise.resolve(analytics),
    addDestinationMiddleware: () => Promise.resolve(analytics),
    register: () => Promise.resolve(),
    pick: () => analytics,
    trackLink: () => analytics,
    trackForm: () => analytics,
    timeout: () => {},
  };
  return analytics;
}
