// Entry of the on-demand debug piece (dist/tally-debug.js): console output, the rules preview (why each rule did or did not
// fire), and the overlay with `debug: true` or ?tally_debug=1.
import { addOverlayNote, showOverlay, type DeliveryNote } from './overlay';
import { startPreview, type NoteOutput, type PreviewHost } from './preview';
import { checkDeviceMode } from './device-mode';
import { logToConsole } from './console-log';
import { logDebug, type ConfigError } from '../errors';
import type { Context } from '../pipeline/pipeline';
import type { DebugNote, PieceContext, Pieces, RulesRead } from '../pieces/contract';

/** Hosts whose events already go to the console: `analytics.debug()` twice logs each event once. */
const logging = new WeakSet<PieceContext>();

/** Each instance's view for the preview, made once: the preview runs once per view. */
const previews = new WeakMap<PieceContext, PreviewHost>();
const previewOf = (host: PieceContext, rules: () => RulesRead | undefined): PreviewHost => {
  const known = previews.get(host) ?? {
    config: host.config,
    routes: host.routes,
    loadKind: host.loadKind,
    sessionId: host.sessionId,
    rules,
  };
  previews.set(host, known);
  return known;
};

/** Takes the notes the core kept while this piece loaded (the core keeps no more), by kind. */
function takeKept(host: PieceContext): [Context[], DeliveryNote[]] {
  const kept = host.debug.take();
  const of = <T>(name: DebugNote[0]) => kept.filter((note) => note[0] === name).map((note) => note[1] as T);
  return [of('tally:event'), of('tally:delivery')];
}

/** A note to the console (one `console.debug`) and, when the panel is open, to the panel. */
const noteTo =
  (panel?: NoteOutput): NoteOutput =>
  (title, lines) => {
    logDebug(true, [title, ...lines.map((line) => `  ${line.text}`)].join('\n'));
    panel?.(title, lines);
  };

/**
 * Logs each event and delivery to the console, starting with those the core kept while this piece loaded, and names the
 * Segment workspace's device-mode destinations tally will not run (device-mode.ts), on the panel too when it is open.
 */
export function logDebugOutput(
  host: PieceContext,
  rules: () => RulesRead | undefined,
  [earlier, deliveries] = takeKept(host),
  panel?: NoteOutput,
): void {
  if (logging.has(host)) return;
  logging.add(host);
  const fallback = host.debug.storageFallback();
  if (fallback) logDebug(true, `event buffer storage failed; now using ${fallback.kind}`, fallback.error);
  logToConsole(host.analytics, earlier, deliveries);
  startPreview(previewOf(host, rules));
  void checkDeviceMode(host.config, noteTo(panel));
}

/**
 * Shows the options' problems in the overlay: those found at load, then those a destination's piece finds later (a refused
 * key that turned Customer.io off). A marketer opening `?tally_debug=1` sees what is off and why.
 */
function showProblems(host: PieceContext, overlay: HTMLElement): void {
  const show = (errors: readonly ConfigError[]) =>
    addOverlayNote(
      overlay,
      'problems found in the options',
      errors.map((error) => ({ text: error.message, kind: 'problem' })),
      'options',
    );
  if (host.debug.problems().length) show(host.debug.problems());
  host.analytics.on('tally:problems', (errors) => show(errors as ConfigError[]));
}

/** Shows the overlay and logs to the console, starting with the events and delivery results the core kept while this piece loaded. */
export function showDebug(host: PieceContext, rules: () => RulesRead | undefined): void {
  const kept = takeKept(host);
  const overlay = showOverlay(host.analytics, ...kept);
  const panel: NoteOutput = (title, lines) => addOverlayNote(overlay, title, lines);
  showProblems(host, overlay);
  startPreview(previewOf(host, rules), panel);
  logDebugOutput(host, rules, kept, panel);
}

({ logDebugOutput, showDebug }) satisfies Pieces['debug'];
