// The public instance: analytics.js's API over the pipeline. Every method catches at this boundary: nothing throws into the page.
import { normalizeCall } from './arguments';
import { createConfig, type Options } from './config';
import { createDispatcher } from './dispatcher';
import { createEmitter } from './emitter';
import { readDeviceContext, readPage } from './environment';
import { logError, logWarning } from './errors';
import { createIdentity } from './identity';
import { isOnline, listenForHide, listenForOnline } from './lifecycle';
import { createPipeline, type Context, type Route } from './pipeline';
import { createMemoryQueue } from './queue';
import { createBuffer, type Buffer } from './buffer';
import { ulid } from './ids';
import { startConsent } from './consent';
import { noExtensions, type Extensions } from './extensions';
import { createMemoryStore, openIdentityStores } from './storage';
import { createFetchTransport } from './transport';
import { createSegmentDestination } from './destinations/segment';
import { customerioDestination } from './destinations/customerio';
import { createLazyGate } from './gates';
import { createEventsGate } from './rules/trigger-paths';
import { startTracker } from './rules/tracker';
import type { Call, EventType } from './types';

/** The library name and version every event carries in `context.library`. */
export const LIBRARY = { name: 'tally', version: '__TALLY_VERSION__' };

import type { Analytics, AnalyticsDependencies, Args, Host, User } from './analytics-types';

export type { Analytics, AnalyticsDependencies, Host, User };

/** analytics.js's default trackLink / trackForm timeout. */
const DEFAULT_TIMEOUT_MS = 300;

/**
 * Creates a live instance from a write key and load() options.
 * @example const analytics = createAnalytics('KEY', { flushAt: 10 }); analytics.track('Signed Up', { plan: 'pro' })
 */
export function createAnalytics(writeKey: unknown, options?: Options, dependencies: AnalyticsDependencies = {}): Analytics {
  const config = createConfig(writeKey, options);
  const emitter = createEmitter();
  const load = dependencies.extensions ?? noExtensions;
  const start = startConsent(config.consent);
  const memory = createMemoryStore();
  // With consent required, identity stays in memory (no cookie, no storage, not even a probe) until the consent piece opens the stores.
  const stores = dependencies.identity ? undefined : start.storing ? openIdentityStores(config.cookie) : { ids: [memory], traits: [memory] };
  const identity = dependencies.identity ?? createIdentity(stores!.ids, stores!.traits);
  const transport = dependencies.transport ?? createFetchTransport();
  const routes: Route[] = [];
  const buffers: Buffer[] = [];
  // Events the buffer dropped, by destination and reason; stats() adds them to the dispatcher's.
  const bufferDrops: Record<string, Record<string, number>> = {};
  const pageView = ulid();
  let storageFallback: Host['storageFallback'];
  const addRoute = (destination: Route['destination']) => {
    const drops: Record<string, number> = (bufferDrops[destination.name] = {});
    const queue = createBuffer({
      inner: createMemoryQueue(),
      key: `${config.writeKey} ${destination.name}`,
      storage: config.buffer.storage,
      limits: config.buffer,
      owner: pageView,
      openAtStart: start.storing,
      onDrop(reason, count) {
        addDrops({ dropped: drops }, { [reason]: count });
        logWarning(`${destination.name}: buffered events dropped (${reason})`);
      },
      // Kept for the debug piece's console output. The buffer may fall back while it is created, before `host` exists.
      onFallback: (kind, error) => (storageFallback = { kind, error }),
    });
    buffers.push(queue);
    routes.push({
      destination,
      dispatcher: createDispatcher({
        destination,
        queue,
        transport,
        flushAt: config.flushAt,
        flushIntervalMs: config.flushIntervalMs,
        isOnline,
        onDrop(error, event) {
          logError(error);
          emitter.emit('error', { code: 'delivery_failure', reason: error, destination: error.destination, event });
        },
        onResult: (request, response) => {
          if (!host.debug) return;
          const note = { destination: destination.name, messageIds: request.messageIds, status: response.status };
          emitter.emit('tally:delivery', note);
          host.earlierDeliveries?.push(note);
        },
      }),
    });
  };
  if (config.segment) addRoute(createSegmentDestination(config.segment));
  if (config.customerio) addRoute(customerioDestination(config.customerio));

  // The on-demand pieces' gates: events pass these untouched until a piece is needed, then wait for it.
  const consentGate = createLazyGate('consent', 'consent piece unavailable');
  const planGate = createLazyGate('plan');
  const middlewareGate = createLazyGate('middleware', 'middleware unavailable');
  const pipeline = createPipeline({
    identity: identity.current,
    page: readPage,
    device: readDeviceContext(),
    library: LIBRARY,
    integrations: config.integrations,
    gates: [createEventsGate(config.events, readPage), ...(dependencies.gates ?? []), consentGate, planGate, middlewareGate],
    routes,
  });

  /** Loads an on-demand piece and calls one of its functions with the host: the one way the core reaches a piece. */
  const usePiece = <K extends keyof Extensions>(name: K, method: keyof Extensions[K], ...args: unknown[]): Promise<never> =>
    load(name).then((piece) => (piece[method] as (host: Host, ...rest: unknown[]) => never)(host, ...args));
  /** usePiece for calls nobody awaits: a failure is logged. */
  const later = <K extends keyof Extensions>(name: K, method: keyof Extensions[K], ...args: unknown[]) => void usePiece(name, method, ...args).catch(logError);
  const useConsent = () => consentGate.fill(() => usePiece('consent', 'consentGate'));
  const useMiddleware = () => middlewareGate.fill(() => usePiece('middleware', 'middlewareGate'));

  /** The one path every tracking call takes. */
  function call(type: EventType, args: Args): Promise<Context | undefined> {
    try {
      const normalized = normalizeCall(type, args, identity.current());
      remember(normalized);
      const built = pipeline(normalized);
      return built instanceof Promise ? built.then((context) => finish(normalized, context)) : Promise.resolve(finish(normalized, built));
    } catch (error) {
      logError(error);
      emitter.emit('error', { code: 'invalid_call', reason: error });
      return Promise.resolve(undefined);
    }
  }

  /** After the gates: debug output, analytics.js's emitted events, the call's callback. */
  function finish(normalized: Call, context: Context): Context {
    // Debug output is the debug piece's: it listens to these, and reads `earlier` for what happened while it loaded.
    if (host.debug) emitter.emit('tally:event', context), host.earlier?.push(context);
    if (!context.stopped) announce(normalized, context);
    if (normalized.callback) {
      const callback = normalized.callback;
      queueMicrotask(() => safely(() => callback(context)));
    }
    return context;
  }

  /** Identity changes a call implies, before its event is built. */
  function remember(normalized: Call) {
    const { options } = normalized;
    if (typeof options.anonymousId === 'string' && options.anonymousId) identity.setAnonymousId(options.anonymousId);
    if (normalized.type === 'identify') identity.identify(normalized.userId ?? null, normalized.traits ?? {});
    if (normalized.type === 'group') identity.group(normalized.groupId ?? null, normalized.traits ?? {});
  }

  /** Emits what analytics.js emits for each call, with the same arguments. */
  function announce(normalized: Call, context: Context) {
    const { event } = context;
    const { options } = normalized;
    if (normalized.type === 'track') emitter.emit('track', event.event, event.properties, options);
    else if (normalized.type === 'page' || normalized.type === 'screen') emitter.emit(normalized.type, event.category ?? null, event.name ?? null, event.properties, options);
    else if (normalized.type === 'identify') emitter.emit('identify', event.userId ?? null, event.traits, options);
    else if (normalized.type === 'group') emitter.emit('group', event.groupId, event.traits, options);
    else emitter.emit('alias', event.userId, normalized.previousId ?? null, options);
  }

  const analytics: Analytics = {
    initialized: true,
    VERSION: LIBRARY.version,
    config,
    track: (...args) => call('track', args),
    identify: (...args) => call('identify', args),
    page: (...args) => call('page', args),
    pageview: (url) => call('page', typeof url === 'string' ? [{ path: url }] : []),
    screen: (...args) => call('screen', args),
    group: (...args) => call('group', args),
    alias: (...args) => call('alias', args),
    reset() {
      safely(() => identity.reset());
      emitter.emit('reset');
    },
    ready(callback) {
      if (callback) queueMicrotask(() => safely(callback));
      return Promise.resolve();
    },
    on(name, handler) {
      emitter.on(name, handler);
      return analytics;
    },
    once(name, handler) {
      emitter.once(name, handler);
      return analytics;
    },
    off(name, handler) {
      emitter.off(name, handler);
      return analytics;
    },
    user: () => ({
      id: (id) => (id === undefined ? identity.userId() : (identity.identify(id, {}), identity.userId())),
      anonymousId: (id) => (id === undefined ? identity.anonymousId() : identity.setAnonymousId(id)),
      traits: (traits) => identity.traits(traits),
    }),
    setAnonymousId: (id) => (typeof id === 'string' && id ? identity.setAnonymousId(id) : identity.anonymousId()),
    debug(on = true) {
      if ((host.debug = !!on)) startDebug('logDebugOutput');
      return analytics;
    },
    async flush() {
      // Before a grant the buffer must not even open IndexedDB: what earlier page views left waits for consent.
      if (host.storing) await Promise.all(routes.map((route) => route.dispatcher.flush()));
    },
    push(entry) {
      const [method, ...args] = Array.isArray(entry) ? entry : [];
      const target = method !== 'push' && (analytics as unknown as Record<string, unknown>)[method];
      if (typeof target !== 'function') return logError(new Error(`push([method, ...args]): ${method} is not a tally method`));
      safely(() => target(...args));
    },
    stats: () => Object.fromEntries(routes.map(({ destination, dispatcher }) => [destination.name, addDrops(dispatcher.stats(), bufferDrops[destination.name])])),
    consent(input) {
      useConsent();
      later('consent', 'choose', input);
      return analytics;
    },
    async addSourceMiddleware(fn) {
      if (typeof fn === 'function') host.sources.push(fn), useMiddleware();
      return analytics;
    },
    async addDestinationMiddleware(name, ...fns) {
      (host.destinationMiddleware[name] ??= []).push(...fns.filter((fn) => typeof fn === 'function'));
      useMiddleware();
      return analytics;
    },
    async register(...plugins) {
      host.sources.push(...plugins.filter((plugin) => plugin && typeof plugin === 'object'));
      useMiddleware();
    },
    trackLink: (...args) => (later('extras', 'trackLink', ...args), analytics),
    trackForm: (...args) => (later('extras', 'trackForm', ...args), analytics),
    timeout(ms) {
      if (typeof ms === 'number' && ms >= 0) host.timeoutMs = ms;
    },
  };
  const host: Host = { analytics, config, emitter, routes, stores, storing: start.storing, debug: false, timeoutMs: DEFAULT_TIMEOUT_MS, sources: [], destinationMiddleware: {}, get storageFallback() { return storageFallback; } };

  /** Turns debug output on: events are kept for the debug piece until it loads and takes them. */
  function startDebug(method: 'showDebug' | 'logDebugOutput') {
    host.debug = true;
    host.earlier ??= [];
    host.earlierDeliveries ??= [];
    later('debug', method);
  }

  if (start.decides) useConsent();
  if (config.plan) planGate.fill(() => usePiece('plan', 'planGate'));
  if (config.redact) useMiddleware();
  if (dependencies.listen !== false) {
    listenForHide(() => {
      buffers.forEach((buffer) => buffer.hide());
      routes.forEach((route) => route.dispatcher.unload());
    });
    listenForOnline(() => void analytics.flush());
    // After the snippet's buffered calls have been replayed (standalone.ts drains right after this returns).
    queueMicrotask(() => safely(() => startTracker(config.events, analytics)));
  }
  const search = safely(() => location.search) ?? '';
  if (config.debug || search.includes('tally_debug=1')) startDebug('showDebug');
  // Events earlier page views left in the buffer go out now, with their own messageId, timestamp and context.
  void analytics.flush();
  if (config.initialPageview) void analytics.page();
  if (config.useQueryString && search.includes('ajs_')) later('extras', 'queryString', search);
  return analytics;
}

/** Adds `counts` (reason → count) into `stats.dropped`. */
function addDrops<T extends { dropped: Record<string, number> }>(stats: T, counts: Record<string, number>): T {
  for (const reason in counts) stats.dropped[reason] = (stats.dropped[reason] ?? 0) + counts[reason];
  return stats;
}

function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    logError(error);
    return undefined;
  }
}
