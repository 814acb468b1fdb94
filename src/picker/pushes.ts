// The data layer pushes seen on this page, summed up for the picker (pure): each event name once, in the order first
// pushed, with the dot paths of its keys, and the `dataLayer` rule one of them stands for.
import { hasOwn, isSafeKey } from '../config/keys';
import { eventOf } from '../tracker/data-layer';
import type { EventDefinitionOptions, PropertySource } from '../rules/types';

/** One event name pushed to the data layer, and what its pushes held. */
export interface PushSummary {
  event: string;
  /** How many pushes had this event name. */
  count: number;
  /** Dot paths of the values the pushes held (`ecommerce.value`), scalars and lists, without `event` and GTM's own `gtm.*` keys. */
  keys: string[];
}

/** How deep the summary looks into a push: `ecommerce.items` yes, the items' fields no (a list is one key). */
const MAX_DEPTH = 3;

/** The dot paths of the values under `value` (plain objects are walked, lists and scalars are leaves). */
function pathsOf(value: unknown, prefix: string, depth: number): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value) || depth >= MAX_DEPTH) return prefix ? [prefix] : [];
  return Object.keys(value)
    .filter((key) => isSafeKey(key) && !key.includes('.') && hasOwn(value, key))
    .flatMap((key) => pathsOf((value as Record<string, unknown>)[key], prefix ? `${prefix}.${key}` : key, depth + 1));
}

/**
 * The event names of the pushes, in the order first pushed, each with its count and keys.
 * @example summarizePushes([{ event: 'add_to_cart', ecommerce: { value: 5 } }]) // [{ event: 'add_to_cart', count: 1, keys: ['ecommerce.value'] }]
 */
export function summarizePushes(items: readonly unknown[]): PushSummary[] {
  const byEvent = new Map<string, PushSummary>();
  for (const item of items) {
    const event = eventOf(item);
    if (event === undefined || event.startsWith('gtm.')) continue;
    const summary = byEvent.get(event) ?? { event, count: 0, keys: [] };
    byEvent.set(event, summary);
    summary.count += 1;
    const keys = pathsOf(item, '', 0).filter((key) => key !== 'event' && !key.startsWith('gtm.'));
    summary.keys = [...new Set([...summary.keys, ...keys])];
  }
  return [...byEvent.values()];
}

/** `add_to_cart` → `Add To Cart`: an event name from a data layer event's words. */
export const eventNameOf = (event: string): string =>
  event
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ') || event;

/** `ecommerce.value` → `value`: a property name from a key's last segment (`ecommerceValue` when two keys would share it). */
function propertyNames(keys: readonly string[]): [string, string][] {
  const last = (key: string) => key.slice(key.lastIndexOf('.') + 1);
  return keys.map((key) => {
    const shared = keys.filter((other) => last(other) === last(key)).length > 1;
    return [shared ? key.replace(/\.(\w)/g, (_, letter: string) => letter.toUpperCase()) : last(key), key];
  });
}

/**
 * The `events` entry for a `dataLayer` rule on one pushed event, reading the chosen keys with `data` sources.
 * @example dataLayerRule('add_to_cart', ['ecommerce.value']) // { 'Add To Cart': { on: 'dataLayer', event: 'add_to_cart', properties: { value: { data: 'ecommerce.value' } } } }
 */
export function dataLayerRule(event: string, keys: readonly string[]): Record<string, EventDefinitionOptions & { event: string }> {
  const properties: Record<string, PropertySource> = {};
  for (const [name, key] of propertyNames(keys)) properties[name] = { data: key };
  return { [eventNameOf(event)]: { on: 'dataLayer', event, ...(keys.length ? { properties } : {}) } };
}
