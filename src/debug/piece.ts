// Entry of the on-demand debug piece (dist/tally-debug.js): console output, the rules preview (why each rule did or did not
// fire), and the overlay with `debug: true` or ?tally_debug=1.
import { addOverlayNote, showOverlay, type DeliveryNote } from './overlay';
import { startPreview } from './preview';
import { logToConsole } from './console-log';
import { logDebug } from '../errors';
import type { Context } from '../pipeline/pipeline';
import type { DebugNote, Host } from '../api/analytics';

/** Hosts whose events already go to the console: `analytics.debug()` twice logs each event once. */
const logging = new WeakSet<Host>();

/** Takes the notes the core kept while this piece loaded (the core keeps no more), by kind. */
function takeKept(host: Host): [Context[], DeliveryNote[]] {
  const kept = host.earlier ?? [];
  host.earlier = undefined;
  const of = <T>(name: DebugNote[0]) => kept.filter((note) => note[0] === name).map((note) => note[1] as T);
  return [of('tally:event'), of('tally:delivery')];
}

/** Logs each event and delivery to the console, starting with those the core kept while this piece loaded. */
export function logDebugOutput(host: Host, [earlier, deliveries] = takeKept(host)): void {
  if (logging.has(host)) return;
  logging.add(host);
  const fallback = host.storageFallback;
  if (fallback) logDebug(true, `event buffer storage failed; now using ${fallback.kind}`, fallback.error);
  logToConsole(host.analytics, earlier, deliveries);
  startPreview(host);
}

/** Shows the overlay and logs to the console, starting with the events and delivery results the core kept while this piece loaded. */
export function showDebug(host: Host): void {
  const kept = takeKept(host);
  const overlay = showOverlay(host.analytics, ...kept);
  startPreview(host, (title, lines) => addOverlayNote(overlay, title, lines));
  logDebugOutput(host, kept);
}
