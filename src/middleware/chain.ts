// Runs source middleware, plugins and destination middleware in order, as analytics.js does. Loaded on demand.
import { describeEvent, logError } from '../errors';
import { redactEvent } from './redact';
import { hasOwn, isSafeKey, setOwn, UNSAFE_KEYS } from '../config/keys';
import type { Settled } from '../pipeline/gates';
import type { TallyEvent } from '../event/types';
import type { DestinationMiddleware, MiddlewarePayload, Plugin, PluginContext, RedactConfig, SourceEntry } from './types';

/** How long a middleware that returned without calling next (and without a promise) may still call it later. */
export const MIDDLEWARE_TIMEOUT_MS = 2000;

/** A deep copy of an event, so one middleware's changes stay in what it passes on. */
const copy = (event: TallyEvent): TallyEvent => JSON.parse(JSON.stringify(event));

/** analytics.js's payload facade over a copy of `event`. */
export function toPayload(event: TallyEvent): MiddlewarePayload {
  const payload: MiddlewarePayload = {
    obj: copy(event),
    type: () => payload.obj.type,
    event: () => payload.obj.event,
    properties: () => payload.obj.properties ?? {},
    traits: () => payload.obj.traits ?? {},
    userId: () => payload.obj.userId,
    anonymousId: () => payload.obj.anonymousId,
    rawEvent: () => payload.obj,
  };
  return payload;
}

/** A middleware or plugin that threw, named with the event it threw on. */
const describeError = (what: string, event: TallyEvent, error: unknown) =>
  new Error(`${what} threw on ${describeEvent(event)} and was skipped: ${error instanceof Error ? error.message : String(error)}`);

/**
 * Calls one middleware; resolves with the event it passed to next, or null when it never called next
 * (a returned promise settled first, or MIDDLEWARE_TIMEOUT_MS went by). A throwing middleware is logged and skipped.
 */
function callMiddleware(
  run: (payload: MiddlewarePayload, next: (payload?: MiddlewarePayload | null) => void) => unknown,
  event: TallyEvent,
  name: string,
  dropOnNull: boolean,
): Promise<TallyEvent | null> {
  return new Promise((resolve) => {
    const payload = toPayload(event);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (result: TallyEvent | null) => {
      clearTimeout(timer);
      resolve(result);
    };
    const skip = (error: unknown) => {
      logError(describeError(name, event, error));
      finish(event);
    };
    const next = (passed?: MiddlewarePayload | null) => {
      if (passed) finish(passed.obj);
      else finish(dropOnNull ? null : payload.obj);
    };
    try {
      const returned = run(payload, next) as PromiseLike<unknown> | undefined;
      if (returned && typeof returned.then === 'function') returned.then(() => finish(null), skip);
      else timer = setTimeout(() => finish(null), MIDDLEWARE_TIMEOUT_MS);
    } catch (error) {
      skip(error);
    }
  });
}

const loads = new WeakMap<Plugin, Promise<unknown>>();

/** A plugin's hook for the event's type, after its load() (once); the context it returns carries the event on. */
async function callPlugin(plugin: Plugin, event: TallyEvent, host: unknown): Promise<TallyEvent> {
  const ctx = createPluginContext(copy(event));
  try {
    if (!loads.has(plugin)) loads.set(plugin, Promise.resolve(plugin.load?.(ctx, host)));
    await loads.get(plugin);
    const hook = plugin[event.type];
    if (typeof hook !== 'function') return event;
    const returned = await hook.call(plugin, ctx);
    if (plugin.type === 'destination' || plugin.type === 'after') return event;
    return (returned && returned.event) || ctx.event;
  } catch (error) {
    logError(describeError(`plugin "${plugin.name}"`, event, error));
    return event;
  }
}

/**
 * analytics-next's Context, reduced to what enrichment plugins use. `updateEvent` walks and writes own properties only:
 * a path through `__proto__`, `constructor` or `prototype` is refused (logged once), as analytics-next's dset refuses it.
 */
export function createPluginContext(event: TallyEvent): PluginContext {
  const ctx: PluginContext = {
    event,
    updateEvent(path, value) {
      const keys = String(path).split('.');
      if (!keys.every(isSafeKey)) {
        logError(`ctx.updateEvent("${path}"): a path through ${UNSAFE_KEYS.join(', ')} would change a prototype; not written`);
        return ctx;
      }
      let target = ctx.event as unknown as Record<string, unknown>;
      for (const key of keys.slice(0, -1)) {
        // An inherited or primitive value is not walked into: it would be shared (String.prototype) or throw.
        if (!hasOwn(target, key) || !target[key] || typeof target[key] !== 'object') setOwn(target, key, {});
        target = target[key] as Record<string, unknown>;
      }
      setOwn(target, keys[keys.length - 1], value);
      return ctx;
    },
  };
  return ctx;
}

/**
 * Runs the source chain over an event, in registration order, then redaction (so nothing registered later sees raw PII
 * leave): the event goes on, changed, or stops when a middleware never calls next.
 */
export async function runSourceMiddleware(
  entries: readonly SourceEntry[],
  event: TallyEvent,
  redact: RedactConfig | null,
  host?: unknown,
): Promise<Settled> {
  let current = event;
  for (const entry of entries.slice()) {
    if (typeof entry === 'function') {
      const name = `source middleware ${entry.name || ''}`.trim();
      const next = await callMiddleware(
        (payload, next) => entry({ payload, integrations: current.integrations, next }),
        current,
        name,
        false,
      );
      if (!next) return { stopped: `${name} did not call next` };
      current = next;
    } else current = await callPlugin(entry, current, host);
  }
  return { event: redact ? await redactEvent(current, redact) : current };
}

/** Runs one destination's middleware over the event it is about to get; null drops it for that destination only. */
export async function runDestinationMiddleware(
  list: readonly DestinationMiddleware[],
  destination: string,
  event: TallyEvent,
): Promise<TallyEvent | null> {
  let current: TallyEvent | null = event;
  for (const fn of list.slice()) {
    if (!current) break;
    current = await callMiddleware(
      (payload, next) => fn({ payload, integration: destination, next }),
      current,
      `destination middleware for ${destination}`,
      true,
    );
  }
  return current;
}
