// Entry of the on-demand debug piece (dist/tally-debug.js): console output, and the overlay with `debug: true` or ?tally_debug=1.
import { showOverlay, type DeliveryNote } from '../debug/overlay';
import { logToConsole } from '../debug/console-log';
import { logDebug } from '../errors';
import type { Host } from '../analytics';

/** Hosts whose events already go to the console: `analytics.debug()` twice logs each event once. */
const logging = new WeakSet<Host>();

/** Logs each event and delivery to the console, starting with those the core kept while this piece loaded. */
export function logDebugOutput(host: Host): void {
  const earlier = host.earlier ?? [];
  const deliveries = (host.earlierDeliveries ?? []) as DeliveryNote[];
  host.earlier = host.earlierDeliveries = undefined;
  if (logging.has(host)) return;
  logging.add(host);
  const fallback = host.storageFallback;
  if (fallback) logDebug(true, `event buffer storage failed; now using ${fallback.kind}`, fallback.error);
  logToConsole(host.analytics, earlier, deliveries);
}

/** Shows the overlay and logs to the console, starting with the events and delivery results the core kept while this piece loaded. */
export function showDebug(host: Host): void {
  showOverlay(host.analytics, host.earlier ?? [], (host.earlierDeliveries ?? []) as DeliveryNote[]);
  logDebugOutput(host);
}
