// The core side of middleware: what is registered, the gate that runs it, and the redact option. The runner loads on demand.
import { logError } from './errors';
import { readChoice, readObject, type Problems } from './check';
import type { Gate } from './gates';
import type { LoadExtension } from './extensions';
import type { Route } from './pipeline';
import type { DestinationMiddleware, RedactConfig, SourceEntry } from './middleware/types';

/**
 * The gate that runs the source chain: a no-op (synchronous, no allocation) while nothing is registered,
 * else the event waits for the chain. If the runner cannot load, events are dropped: middleware may exist to remove PII.
 */
export function createMiddlewareGate(entries: readonly SourceEntry[], redact: RedactConfig | null, load: LoadExtension, host: () => unknown): Gate {
  return {
    name: 'middleware',
    run: (event) =>
      entries.length || redact
        ? { wait: load('middleware').then((piece) => piece.runSourceMiddleware(entries, event, redact, host()), (error) => (logError(error), { stopped: 'middleware unavailable' })) }
        : { event },
  };
}

/** Puts destination middleware in front of a route's dispatcher (once per route; later functions join `list`). */
export function wrapRoute(route: Route, list: DestinationMiddleware[], load: LoadExtension): void {
  const { dispatcher } = route;
  const name = route.destination.name;
  route.dispatcher = {
    ...dispatcher,
    enqueue: (event) =>
      void load('middleware')
        .then((piece) => piece.runDestinationMiddleware(list, name, event))
        .then((changed) => changed && dispatcher.enqueue(changed), logError),
  };
}

/** Reads the `redact` option: `{ properties: ['email'], traits: ['email'], method: 'hash' | 'remove' }`; null when absent. */
export function readRedact(problems: Problems, input: unknown): RedactConfig | null {
  if (input === undefined || input === false) return null;
  const redact = readObject(problems, 'redact', input);
  const keys = (field: 'properties' | 'traits') => {
    const value = redact[field] ?? [];
    if (Array.isArray(value) && value.every((key) => typeof key === 'string')) return value as string[];
    problems.add(`redact.${field}`, 'expected an array of key names');
    return [];
  };
  return { properties: keys('properties'), traits: keys('traits'), method: readChoice(problems, 'redact.method', redact.method, ['hash', 'remove'] as const, 'hash') };
}
