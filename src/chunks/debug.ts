// Entry of the on-demand debug view (dist/tally-debug.js). Loaded with `debug: true` or ?tally_debug=1 in the URL.
import { showOverlay } from '../debug/overlay';
import type { Context } from '../pipeline';
import type { Host } from '../analytics';

/** Shows the overlay with the events the core kept while this piece loaded (`earlier`, filled by `keep`). */
export function showDebug(host: Host, earlier: Context[], keep: (context: unknown) => void): void {
  host.emitter.off('tally:event', keep);
  showOverlay(host.analytics, earlier);
}
