// Touches the console: debug output (`debug: true`, `analytics.debug()`), one line per event built and per request answered.
import { describeEvent as nameEvent, logDebug } from '../errors';
import type { Context } from '../pipeline/pipeline';
import type { DebugTarget, DeliveryNote } from './overlay';

/** The line an event gets: its type and name, the page path, and where it went or which gate stopped it. */
export function describeEvent(context: Context): string {
  const { event, stopped, destinations } = context;
  const path = event.context.page?.path;
  const where = stopped ? `stopped by ${stopped}` : `to ${destinations.join(', ') || 'no destination'}`;
  return `${nameEvent(event)}${path ? ` on ${path}` : ''} ${where}`;
}

/** The line a request's answer gets. */
export function describeDelivery(note: DeliveryNote): string {
  return `${note.destination} answered ${note.status || 'network error'} for ${note.messageIds.length} events`;
}

/**
 * Logs `earlier` events and deliveries (kept while the debug piece loaded), then every new one, with `console.debug`.
 * @example logToConsole(analytics, [], [])
 */
export function logToConsole(analytics: DebugTarget, earlier: Context[], answered: DeliveryNote[]): void {
  const event = (context: Context) => logDebug(true, describeEvent(context), context.event);
  const delivery = (note: DeliveryNote) => logDebug(true, describeDelivery(note));
  earlier.forEach(event);
  answered.forEach(delivery);
  analytics.on('tally:event', (context) => event(context as Context));
  analytics.on('tally:delivery', (note) => delivery(note as DeliveryNote));
}
