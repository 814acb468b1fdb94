// Entry of the on-demand debug view (dist/tally-debug.js). Loaded with `debug: true` or ?tally_debug=1 in the URL.
import { showOverlay, type DeliveryNote } from '../debug/overlay';
import type { Host } from '../analytics';

/** Shows the overlay, starting with the events and delivery results the core kept while this piece loaded. */
export function showDebug(host: Host): void {
  showOverlay(host.analytics, host.earlier ?? [], (host.earlierDeliveries ?? []) as DeliveryNote[]);
  host.earlier = host.earlierDeliveries = undefined;
}
