// The public instance: analytics.js's API over the pipeline. Every method catches at this boundary: nothing throws into the page.
import { normalizeCall } from './arguments';
import { nonEmpty } from '../config/readers';
import { createConfig, type Options } from '../config/config';
import { createDispatcher } from '../delivery/dispatcher';
import { createEmitter } from './emitter';
import { readDeviceContext, readPage } from '../event/environment';
import { logError, logWarning } from './errors';
import { createIdentity } from '../identity/identity';
import { listenForHide, listenForOnline } from '../delivery/lifecycle';
import { createPipeline, type Context } from '../pipeline/pipeline';
import type { Route } from '../pipeline/route';
import { createMemoryQueue } from '../delivery/queue';
import { createBuffer } from '../delivery/buffer';
import { ulid } from '../event/ids';
import { LIBRARY } from '../event/build';
import { startConsent } from '../consent/start';
import { noPieces, type Pieces } from '../pieces/loader';
import { createMemoryStore, openIdentityStores } from '../identity/stores';
import { createFetchTransport } from '../delivery/transport';
import { createSegmentDestination } from '../destinations/segment';
import { customerioDestination } from '../destinations/customerio/destination';
import { createLazyGate } from '../pipeline/gates';
import { createEventsGate } from '../rules/gate';
import { startTracker } from '../rules/tracker';
import type { Call, EventType } from '../event/types';

import type { Analytics, AnalyticsDependencies, Args, DebugNote, Host, User } from './types';

export type { Analytics, AnalyticsDependencies, DebugNote, Host, User };
export { LIBRARY };

/** analytics.js's default trackLink / trackForm timeout. */
const DEFAULT_TIMEOUT_MS = 300;

/**
 * Creates a live instance from a write key and load() options.
 * @example const analytics = createAnalytics('KEY', { flushAt: 10 }); analytics.track('Signed Up', { plan: 'pro' })
 */
export function createAnalytics(writeKey: unknown, options?: Options, dependencies: AnalyticsDependencies = {}): Analytics {
  const config = createConfig(writeKey, options);
  const emitter = createEmitter();
  const load = dependencies.pieces ?? noPieces;
  const start = startConsent(config.consent);
  const memory = createMemoryStore();
  // With consent required, identity stays in memory (no cookie, no storage, not even a probe) until the consent piece opens the stores.
  const stores = dependencies.identity
    ? undefined
    : start.storing
      ? openIdentityStores(config.cookie)
      : { ids: [memory], traits: [memory] };
  const identity = dependencies.identity ?? createIdentity(stores!.ids, stores!.traits);
  const transport = dependencies.transport ?? createFetchTransport();
  const routes: Route[] = [];
  const pageView = ulid();
  // What the on-demand pieces work with. Made first: a buffer may fall back to another storage while it is created.
  // `analytics` is set once the instance exists.
  const sources: Host['sources'] = [];
  const destinationMiddleware: Host['destinationMiddleware'] = {};
  const host = {
    config,
    emitter,
    routes,
    stores,
    storing: start.storing,
    debug: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    sources,
    destinationMiddleware,
  } as Partial<Host> as Host;

  /** Debug output is the debug piece's: it listens to these notes, and reads `earlier` for those made while it loaded. */
  const noteForDebug = (name: DebugNote[0], note: DebugNote[1]) => {
    if (host.debug) (emitter.emit(name, note), host.earlier?.push([name, note] as DebugNote));
  };

  const addRoute = (destination: Route['destination']) => {
    const { name } = destination;
    // The buffer's drops and the dispatcher's, counted together for stats().
    const dropped: Record<string, number> = {};
    const queue = createBuffer({
      ...config.buffer,
      inner: createMemoryQueue(),
      key: `${config.writeKey} ${name}`,
      owner: pageView,
      openAtStart: start.storing,
      onDrop(reason, count) {
        dropped[reason] = (dropped[reason] ?? 0) + count;
        logWarning(`${name}: buffered events dropped (${reason})`);
      },
      // Kept for the debug piece's console output.
      onFallback: (kind, error) => (host.storageFallback = { kind, error }),
    });
    routes.push({
      destination,
      buffer: queue,
      // flushAt and flushIntervalMs come from the config.
      dispatcher: createDispatcher({
        ...config,
        destination,
        queue,
        transport,
        dropped,
        onDrop(error, event) {
          logError(error);
          emitter.emit('error', { code: 'delivery_failure', reason: error, destination: name, event });
        },
        onResult: (request, response) =>
          noteForDebug('tally:delivery', { destination: name, messageIds: request.messageIds, status: response.status }),
      }),
    });
  };
  if (config.segment) addRoute(createSegmentDestination(config.segment));
  if (config.customerio) addRoute(customerioDestination(config.customerio));

  /** Loads an on-demand piece and calls one of its functions with the host: the one way the core reaches a piece. */
  const usePiece = <K extends keyof Pieces>(name: K, method: keyof Pieces[K], ...args: unknown[]): Promise<never> =>
    load(name).then((piece) => (piece[method] as (host: Host, ...rest: unknown[]) => never)(host, ...args));
  /** usePiece for calls nobody awaits: a failure is logged. */
  const later = <K extends keyof Pieces>(name: K, method: keyof Pieces[K], ...args: unknown[]) =>
    void usePiece(name, method, ...args).catch(logError);
  /** The gate of an on-demand piece (its `<name>Gate` export): events pass it untouched until it is filled, then wait for the piece. */
  const pieceGate = (name: 'consent' | 'plan' | 'middleware', failure?: string) =>
    createLazyGate(name, () => usePiece(name, `${name}Gate` as never), failure);
  const consentGate = pieceGate('consent', 'consent piece unavailable');
  const planGate = pieceGate('plan');
  const middlewareGate = pieceGate('middleware', 'middleware unavailable');
  const pipeline = createPipeline({
    ...config, // integrations
    identity: identity.current,
    page: readPage,
    device: readDeviceContext(),
    gates: [createEventsGate(config.events, readPage), ...(dependencies.gates ?? []), consentGate, planGate, middlewareGate],
    routes,
  });

  /** Adds the middleware (or plugins) `valid` accepts to `list`; from then on events wait for the middleware piece. */
  const addMiddleware = async (list: unknown[], entries: unknown[], valid: (entry: unknown) => unknown) => {
    const kept = entries.filter(valid);
    if (kept.length) (list.push(...kept), middlewareGate.fill());
    return analytics;
  };

  /** The one path every tracking call takes. */
  function call(type: EventType, args: Args): Promise<Context | undefined> {
    try {
      const normalized = normalizeCall(type, args, identity.current);
      remember(normalized);
      const built = pipeline(normalized);
      return built instanceof Promise ? built.then((context) => finish(normalized, context)) : Promise.resolve(finish(normalized, built));
    } catch (error) {
      logError(error);
      emitter.emit('error', { code: 'invalid_call', reason: error });
      return Promise.resolve(undefined);
    }
  }

  /** After the gates: debug output, the event analytics.js emits for the call (same arguments), the call's callback. */
  function finish(normalized: Call, context: Context): Context {
    const { type, callback } = normalized;
    noteForDebug('tally:event', context);
    // As analytics-next, alias carries `from` as given (null when left out); the others carry the built event's fields.
    const source = (type === 'alias' ? normalized : context.event) as unknown as Record<string, unknown>;
    if (!context.stopped) emitter.emit(type, ...ANNOUNCED[type].map((key) => source[key] ?? null), normalized.options);
    if (callback) queueMicrotask(() => safely(() => callback(context)));
    return context;
  }

  /** Identity changes a call implies, before its event is built. */
  function remember(normalized: Call) {
    const { type, options } = normalized;
    const anonymousId = nonEmpty(options.anonymousId);
    if (anonymousId) identity.setAnonymousId(anonymousId);
    // normalizeCall gives identify its userId and group its groupId (each possibly null), and both their traits.
    if (type === 'identify') identity.identify(normalized.userId!, normalized.traits!);
    if (type === 'group') identity.group(normalized.groupId!, normalized.traits!);
  }

  // track / identify / page / screen / group / alias, on / once / off, trackLink / trackForm: added below.
  const analytics = {
    initialized: true,
    VERSION: LIBRARY.version,
    config,
    pageview: (url) => call('page', typeof url === 'string' ? [{ path: url }] : []),
    reset() {
      safely(() => identity.reset());
      emitter.emit('reset');
    },
    ready(callback) {
      if (callback) queueMicrotask(() => safely(callback));
      return Promise.resolve(undefined);
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
      if (typeof target !== 'function') return logError(`push(): ${method} is not a tally method`);
      safely(() => target(...args));
    },
    stats: () => Object.fromEntries(routes.map(({ dispatcher }) => [dispatcher.name, dispatcher.stats()])),
    consent(input) {
      consentGate.fill();
      later('consent', 'choose', input);
      return analytics;
    },
    addSourceMiddleware: (fn) => addMiddleware(sources, [fn], isFunction),
    addDestinationMiddleware: (name, ...fns) => addMiddleware((destinationMiddleware[name] ??= []), fns, isFunction),
    register: (...plugins) => addMiddleware(sources, plugins, (plugin) => plugin && typeof plugin === 'object').then(() => {}),
    timeout(ms) {
      if (typeof ms === 'number' && ms >= 0) host.timeoutMs = ms;
    },
  } as Partial<Analytics> as Analytics;
  for (const type of CALLS) analytics[type] = (...args) => call(type, args);
  // Chainable, as analytics.js's.
  for (const method of ['on', 'once', 'off'] as const) analytics[method] = (name, handler) => (emitter[method](name, handler!), analytics);
  for (const method of ['trackLink', 'trackForm'] as const) analytics[method] = (...args) => (later('extras', method, ...args), analytics);
  host.analytics = analytics;

  /** Turns debug output on: notes are kept for the debug piece until it loads and takes them. */
  function startDebug(method: 'showDebug' | 'logDebugOutput') {
    host.debug = true;
    host.earlier ??= [];
    later('debug', method);
  }

  if (start.decides) consentGate.fill();
  if (config.plan) planGate.fill();
  if (config.redact) middlewareGate.fill();
  if (dependencies.listen !== false) {
    listenForHide(() => routes.forEach(({ buffer, dispatcher }) => (buffer.hide(), dispatcher.unload())));
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

/** The tracking calls, each a method of the instance. */
const CALLS = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;

const PAGE_FIELDS = ['category', 'name', 'properties'];
/** What analytics.js's event for each call carries after the call's own name (and before its options). */
const ANNOUNCED: Record<EventType, string[]> = {
  track: ['event', 'properties'],
  page: PAGE_FIELDS,
  screen: PAGE_FIELDS,
  identify: ['userId', 'traits'],
  group: ['groupId', 'traits'],
  alias: ['userId', 'previousId'],
};

const isFunction = (value: unknown) => typeof value === 'function';

function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    logError(error);
    return undefined;
  }
}
