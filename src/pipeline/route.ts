// Which destinations an event goes to, from its `integrations` object, read as analytics.js reads it; and what a route holds.
import type { Destination } from '../destinations/destination';
import type { Dispatcher } from '../delivery/dispatcher';
import type { Buffer } from '../delivery/buffer';

/** A destination with its buffer and the dispatcher that delivers it. */
export interface Route {
  destination: Destination;
  /** The dispatcher's queue, told first when the page hides. */
  buffer: Buffer;
  dispatcher: Dispatcher;
}

/**
 * Whether `destination` gets an event with these `integrations`: an explicit `false` turns it off, `true` or a
 * settings object on; otherwise `All: false` turns it off, except Segment.io, which analytics.js always sends to
 * (Segment applies `All` on its servers).
 * @example isRoutedTo('Customer.io', { All: false }) // false
 */
export function isRoutedTo(destination: string, integrations: Readonly<Record<string, unknown>>): boolean {
  const own = integrations[destination];
  if (typeof own === 'boolean') return own;
  if (own && typeof own === 'object') return true;
  return destination === 'Segment.io' || integrations.All !== false;
}
