// The public instance: analytics.js's API over the pipeline. Every method catches at this boundary: nothing throws into the page.
import { normalizeCall } from './arguments';
import { createConfig, type Config, type Options } from './config';
import { createDispatcher, type DeliveryStats } from './dispatcher';
import { createEmitter } from './emitter';
import { readDeviceContext, readPage } from './environment';
import { logDebug, logError, logWarning } from './errors';
import { createIdentity, type Identity } from './identity';
import { isOnline, listenForHide, listenForOnline } from './lifecycle';
import { createPipeline, type Context, type Route } from './pipeline';
import { createMemoryQueue } from './queue';
import { createBuffer, type Buffer } from './buffer';
import { ulid } from './ids';
import { openIdentityStores } from './storage';
import { createFetchTransport, type Transport } from './transport';
import { createSegmentDestination } from './destinations/segment';
import type { Gate } from './gates';
import type { Call, EventType, JsonObject } from './types';

/** The library name and version every event carries in `context.library`. */
export const LIBRARY = { name: 'tally', version: '__TALLY_VERSION__' };

type Args = unknown[];

/** `analytics.user()`: analytics.js's User, reading and writing the cached identity. */
export interface User {
  id(id?: string | null): string | null;
  anonymousId(id?: string): string;
  traits(traits?: JsonObject): JsonObject;
}

/** The live instance that replaces the snippet's stub at `window.analytics`. */
export interface Analytics {
  readonly initialized: true;
  readonly VERSION: string;
  track(...args: Args): Promise<Context | undefined>;
  identify(...args: Args): Promise<Context | undefined>;
  page(...args: Args): Promise<Context | undefined>;
  pageview(url?: string): Promise<Context | undefined>;
  screen(...args: Args): Promise<Context | undefined>;
  group(...args: Args): Promise<Context | undefined>;
  alias(...args: Args): Promise<Context | undefined>;
  reset(): void;
  ready(callback?: () => void): Promise<void>;
  on(name: string, handler: (...args: unknown[]) => void): Analytics;
  once(name: string, handler: (...args: unknown[]) => void): Analytics;
  off(name: string, handler?: (...args: unknown[]) => void): Analytics;
  user(): User;
  setAnonymousId(id?: string): string;
  debug(on?: boolean): Analytics;
  /** Sends everything queued now; settles when each request has been answered (or handed to the buffer). */
  flush(): Promise<void>;
  /** analytics.js's queue API: `analytics.push(['track', 'Clicked'])`. */
  push(call: unknown): void;
  /** Delivery counters per destination. */
  stats(): Record<string, DeliveryStats>;
  readonly config: Config;
}

/** Seams for tests and for later pieces (gates, destinations, transports). */
export interface AnalyticsDependencies {
  identity?: Identity;
  transport?: Transport;
  gates?: Gate[];
  /** Skips page lifecycle listeners (unit tests without a full DOM). */
  listen?: boolean;
}

/**
 * Creates a live instance from a write key and load() options.
 * @example const analytics = createAnalytics('KEY', { flushAt: 10 }); analytics.track('Signed Up', { plan: 'pro' })
 */
export function createAnalytics(writeKey: unknown, options?: Options, dependencies: AnalyticsDependencies = {}): Analytics {
  const config = createConfig(writeKey, options);
  let debugOn = config.debug;
  const emitter = createEmitter();
  const identity = dependencies.identity ?? openIdentity(config);
  const transport = dependencies.transport ?? createFetchTransport();
  const routes: Route[] = [];
  const buffers: Buffer[] = [];
  const bufferDrops = new Map<string, Record<string, number>>();
  const pageView = ulid();
  const addRoute = (destination: Route['destination']) => {
    const drops: Record<string, number> = {};
    bufferDrops.set(destination.name, drops);
    const queue = createBuffer({
      inner: createMemoryQueue(),
      key: `${config.writeKey} ${destination.name}`,
      storage: config.buffer.storage,
      limits: config.buffer,
      owner: pageView,
      onDrop(reason, count) {
        drops[reason] = (drops[reason] ?? 0) + count;
        logWarning(`${destination.name}: buffered events dropped (${reason})`);
      },
      onFallback: (kind, error) => logDebug(debugOn, `event buffer storage failed; now using ${kind}`, error),
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
        onResult: (request, response) => logDebug(debugOn, `${request.url} answered ${response.status || 'network error'} for ${request.messageIds.length} events`),
      }),
    });
  };
  if (config.segment) addRoute(createSegmentDestination(config.segment));

  const pipeline = createPipeline({
    identity: () => ({
      anonymousId: identity.anonymousId(),
      userId: identity.userId(),
      traits: identity.traits(),
      groupId: identity.groupId(),
      groupTraits: identity.groupTraits(),
    }),
    page: readPage,
    device: readDeviceContext(),
    library: LIBRARY,
    integrations: config.integrations,
    gates: dependencies.gates ?? [],
    routes,
  });

  /** The one path every tracking call takes. */
  function call(type: EventType, args: Args): Promise<Context | undefined> {
    try {
      const normalized = normalizeCall(type, args, { userId: identity.userId(), groupId: identity.groupId() });
      remember(normalized);
      const context = pipeline(normalized);
      logDebug(debugOn, type, context.stopped ? `stopped by ${context.stopped}` : `to ${context.destinations.join(', ') || 'no destination'}`, context.event);
      announce(normalized, context);
      if (normalized.callback) {
        const callback = normalized.callback;
        queueMicrotask(() => safely(() => callback(context)));
      }
      return Promise.resolve(context);
    } catch (error) {
      logError(error);
      emitter.emit('error', { code: 'invalid_call', reason: error });
      return Promise.resolve(undefined);
    }
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
    else emitter.emit('alias', event.userId, event.previousId, options);
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
      traits: (traits) => (traits === undefined ? identity.traits() : (identity.identify(null, traits), identity.traits())),
    }),
    setAnonymousId: (id) => (typeof id === 'string' && id ? identity.setAnonymousId(id) : identity.anonymousId()),
    debug(on = true) {
      debugOn = !!on;
      return analytics;
    },
    async flush() {
      await Promise.all(routes.map((route) => route.dispatcher.flush()));
    },
    push(entry) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') return logError(new Error('push() expects [method, ...arguments]'));
      const [method, ...args] = entry;
      const target = (analytics as unknown as Record<string, unknown>)[method];
      if (typeof target !== 'function' || method === 'push') return logError(new Error(`analytics.${method}() is not supported by tally`));
      safely(() => (target as (...args: unknown[]) => unknown)(...args));
    },
    stats: () =>
      Object.fromEntries(
        routes.map(({ destination, dispatcher }) => {
          const stats = dispatcher.stats();
          for (const [reason, count] of Object.entries(bufferDrops.get(destination.name)!)) stats.dropped[reason] = (stats.dropped[reason] ?? 0) + count;
          return [destination.name, stats];
        }),
      ),
  };

  if (dependencies.listen !== false) {
    listenForHide(() => {
      buffers.forEach((buffer) => buffer.hide());
      routes.forEach((route) => route.dispatcher.unload());
    });
    listenForOnline(() => void analytics.flush());
  }
  // Events earlier page views left in the buffer go out now, with their own messageId, timestamp and context.
  void analytics.flush();
  if (config.initialPageview) void analytics.page();
  return analytics;
}

function openIdentity(config: Config): Identity {
  const stores = openIdentityStores(config.cookie);
  return createIdentity(stores.ids, stores.traits);
}

function safely(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    logError(error);
  }
}
