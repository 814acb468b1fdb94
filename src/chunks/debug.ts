// Entry of the on-demand debug view (dist/tally-debug.js). Loaded with `debug: true` or ?tally_debug=1 in the URL.
import { showOverlay } from '../debug/overlay';
import type { Host } from '../analytics';

/** Shows the overlay, starting with the events the core kept while this piece loaded. */
export function showDebug(host: Host): void {
  showOverlay(host.analytics, host.earlier ?? []);
  host.earlier = undefined;
}
