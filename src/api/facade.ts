// The public facade: analytics.js's methods over the caller, the identity and the pieces. Each method catches at this
// boundary; the tracking calls never throw (see call.ts).
import { LIBRARY } from '../event/build';
import { ConfigError, logError, safely } from '../errors';
import type { Caller } from './call';
import type { Identity } from '../identity/identity';
import type { PieceGates } from '../pieces/gates';
import type { PieceUser } from '../pieces/use';
import type { PieceContext } from '../pieces/contract';
import type { Host } from './host';
import type { Analytics } from './types';

/** What the facade is built over. */
export interface FacadeInputs {
  host: Host;
  /** What the pieces it calls receive. */
  context: PieceContext;
  identity: Identity;
  call: Caller;
  pieces: PieceUser;
  /** The piece table's gates: consent() and middleware fill theirs; stats() counts what they stopped. */
  gates: PieceGates;
  /** Turns debug output on: the debug piece's console lines (`logDebugOutput`) or its overlay too (`showDebug`). */
  startDebug(method: 'showDebug' | 'logDebugOutput'): void;
}

/** Builds the instance that replaces the snippet's stub at `window.analytics`. */
export function createFacade(inputs: FacadeInputs): Analytics {
  const { host, context, identity, call, pieces, gates, startDebug } = inputs;
  const { emitter, routes } = host;

  /** Runs `action` and answers the instance, for analytics.js's chainable methods. */
  const chain = (action: () => void) => {
    action();
    return analytics;
  };

  const analytics: Analytics = {
    initialized: true,
    VERSION: LIBRARY.version,
    config: host.config,
    track: (...args) => call('track', args),
    identify: (...args) => call('identify', args),
    page: (...args) => call('page', args),
    screen: (...args) => call('screen', args),
    group: (...args) => call('group', args),
    alias: (...args) => call('alias', args),
    pageview: (url) => call('page', typeof url === 'string' ? [{ path: url }] : []),
    ready(callback) {
      if (callback) queueMicrotask(() => safely(callback));
      return Promise.resolve(undefined);
    },
    // Chainable, as analytics.js's.
    on: (name, handler) => chain(() => emitter.on(name, handler)),
    once: (name, handler) => chain(() => emitter.once(name, handler)),
    off: (name, handler) => chain(() => emitter.off(name, handler)),
    ...identityMethods(identity, emitter),
    debug(on = true) {
      host.debug = !!on;
      if (host.debug) startDebug('logDebugOutput');
      return analytics;
    },
    async flush() {
      // Before a grant the buffer must not even open IndexedDB: what earlier page views left waits for consent.
      if (host.storing) await Promise.all(routes.map((route) => route.dispatcher.flush()));
    },
    push(entry) {
      const [method, ...args] = Array.isArray(entry) ? entry : [];
      const target = method !== 'push' && (analytics as unknown as Record<string, unknown>)[method];
      if (typeof target !== 'function') return logError(new ConfigError('push()', '', 'T123', method));
      safely(() => target(...args));
    },
    stats() {
      const stopped = gates.stopped();
      return Object.fromEntries(
        routes.map(({ dispatcher, buffer }) => {
          const stats = dispatcher.stats();
          return [dispatcher.name, { ...stats, dropped: { ...stats.dropped, ...stopped }, storage: buffer.storage() }];
        }),
      );
    },
    consent(input) {
      void gates.get('consent')?.fill();
      pieces.later('consent', (consent) => consent.choose(context, input));
      return analytics;
    },
    ...middlewareMethods(host, gates, () => analytics),
    pick: () => chain(() => pieces.later('picker', (picker) => picker.startPicker(context))),
    trackLink: (...args) => chain(() => pieces.later('extras', (extras) => extras.trackLink(context, ...args))),
    trackForm: (...args) => chain(() => pieces.later('extras', (extras) => extras.trackForm(context, ...args))),
    timeout(ms) {
      if (typeof ms === 'number' && ms >= 0) host.timeoutMs = ms;
    },
  };
  return analytics;
}

const isFunction = (value: unknown) => typeof value === 'function';
const isObject = (value: unknown) => !!value && typeof value === 'object';

/** reset, user() and setAnonymousId over the cached identity. */
function identityMethods(identity: Identity, emitter: Host['emitter']): Pick<Analytics, 'reset' | 'user' | 'setAnonymousId'> {
  return {
    reset() {
      safely(() => identity.reset());
      emitter.emit('reset');
    },
    user: () => ({
      id(id) {
        if (id !== undefined) identity.identify(id, {});
        return identity.userId();
      },
      anonymousId: (id) => (id === undefined ? identity.anonymousId() : identity.setAnonymousId(id)),
      traits: (traits) => identity.traits(traits),
    }),
    setAnonymousId: (id) => (typeof id === 'string' && id ? identity.setAnonymousId(id) : identity.anonymousId()),
  };
}

/** addSourceMiddleware, addDestinationMiddleware and register: the core keeps the lists; the middleware piece runs them. */
function middlewareMethods(
  host: Host,
  gates: PieceGates,
  instance: () => Analytics,
): Pick<Analytics, 'addSourceMiddleware' | 'addDestinationMiddleware' | 'register'> {
  const { sources, destinationMiddleware } = host;
  /** Adds the middleware (or plugins) `valid` accepts to `list`; from then on events wait for the middleware piece. */
  const add = async (list: unknown[], entries: unknown[], valid: (entry: unknown) => unknown) => {
    const kept = entries.filter(valid);
    if (kept.length) {
      list.push(...kept);
      void gates.get('middleware')?.fill();
    }
    return instance();
  };
  return {
    addSourceMiddleware: (fn) => add(sources, [fn], isFunction),
    addDestinationMiddleware(name, ...fns) {
      destinationMiddleware[name] ??= [];
      return add(destinationMiddleware[name], fns, isFunction);
    },
    register: (...plugins) => add(sources, plugins, isObject).then(() => {}),
  };
}
