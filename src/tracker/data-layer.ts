// Touches window: a data layer (`window.dataLayer`, GTM's array of pushed objects) read without disturbing its other
// readers. Its push is wrapped once per array: the original runs first, with its `this` and arguments, and its return
// value is kept, so GTM (which wraps push itself, before or after us) and any other reader work as before.
import { logError } from '../errors';
import { hasOwn, isSafeKey } from '../config/keys';

/** The window property GTM's data layer lives in unless a rule names another (`dataLayer: { name }`). */
export const DEFAULT_LAYER = 'dataLayer';

/** What one push hands a listener: the pushed value, as the page pushed it. */
export type PushListener = (item: unknown) => void;

/** The listeners of each array whose push is wrapped. */
const listening = new WeakMap<unknown[], Set<PushListener>>();

/** The items pushed to the data layer named `name` so far, in order (none when it is not an array). */
export const pushedTo = (name: string): unknown[] => layerNamed(name)?.slice() ?? [];

/** Calls `listener` with each item pushed to the data layer named `name` from now on; returns how to stop. */
export function onPushes(name: string, listener: PushListener): () => void {
  const layer = layerNamed(name);
  if (!layer) return () => {};
  let listeners = listening.get(layer);
  if (!listeners) {
    listeners = new Set();
    listening.set(layer, listeners);
    wrapPush(layer, listeners);
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The array at `window[name]`, created empty when absent (as GTM's snippet does); undefined, said once, when it is not an array. */
function layerNamed(name: string): unknown[] | undefined {
  const holder = window as unknown as Record<string, unknown>;
  holder[name] ??= [];
  const layer = holder[name];
  if (Array.isArray(layer)) return layer;
  // logError says each message once, however many rules name this layer.
  logError(
    `dataLayer.name ${JSON.stringify(name)}: window.${name} is not an array, so no push can be read; rules on it do not fire (name the data layer's array)`,
  );
  return undefined;
}

function wrapPush(layer: unknown[], listeners: Set<PushListener>): void {
  const original = layer.push;
  layer.push = function (this: unknown, ...items: unknown[]) {
    const result = original.apply(this, items);
    for (const item of items) for (const listener of listeners) callSafely(listener, item);
    return result;
  };
}

/** Never throws into the page's push: a listener's failure is its own (the tracker's fire logs its rule's). */
function callSafely(listener: PushListener, item: unknown): void {
  try {
    listener(item);
  } catch {
    // Nothing to add: the listener reports what it knows.
  }
}

/** The `event` key of a pushed object, if it is a string. */
export const eventOf = (item: unknown): string | undefined =>
  item && typeof item === 'object' && typeof (item as Record<string, unknown>).event === 'string'
    ? ((item as Record<string, unknown>).event as string)
    : undefined;

/**
 * The value at a dot path (`ecommerce.value`) in the latest of `objects` (latest first) that sets it, as GTM's merged
 * data layer state gives it: own properties only, and a push that sets a prefix to a non-object (GTM's
 * `{ ecommerce: null }`) hides what earlier pushes had under it.
 */
export function readPath(objects: readonly unknown[], path: string): unknown {
  const keys = path.split('.');
  for (const object of objects) {
    const found = lookUp(object, keys);
    if (found) return found.value;
  }
  return undefined;
}

/** The value at `keys` in one object, or undefined when this object says nothing about them (an earlier one may). */
function lookUp(object: unknown, keys: readonly string[]): { value: unknown } | undefined {
  let value = object;
  for (const [i, key] of keys.entries()) {
    if (!value || typeof value !== 'object') return i > 0 ? { value: undefined } : undefined;
    if (!isSafeKey(key) || !hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return { value };
}

/** The objects a `data` source reads outside a push (GTM's data layer variable): the default layer's pushes, latest first. */
export function latestFirst(name = DEFAULT_LAYER): unknown[] {
  const layer = (window as unknown as Record<string, unknown>)[name];
  return Array.isArray(layer) ? layer.slice().reverse() : [];
}
