// Touches document and the console: the debug preview. For every DOM event a trigger kind explains (a click, a submit)
// it says which rules were considered
// and, for each, matched or why not (explain.ts); at load it lists the rules a config error disabled, the selectors and
// page-wide property sources that find nothing on this page (checks.ts), and checks again when the page changes.
import { logDebug } from '../errors';
import { toUrlParts } from '../rules/url-pattern';
import { targetOf } from '../tracker/element';
import { checkSelectors, checkSources } from './checks';
import { createOnceLimit, sessionKeyOf, type OnceLimit } from '../tracker/once';
import { describeElement, explainedEvents, explainEvent, judge, type Surroundings, type Verdict } from './explain';
import { createRuntimes, followRuntimes, runtimeKeyOf, type Runtimes } from '../triggers/runtimes';
import type { PieceContext, RulesRead } from '../pieces/contract';
import type { RuleSet } from '../rules/rule-set';
import type { TriggerRuntime } from '../triggers/trigger';

/** What the preview reads: the config, the routes, the kinds' pieces, and the rules piece's answer once it has come. */
export type PreviewHost = Pick<PieceContext, 'config' | 'routes' | 'loadKind'> &
  Partial<Pick<PieceContext, 'sessionId'>> & { rules(): RulesRead | undefined };

/** The session `once: 'session'` counts in: the core's, else the tab's. */
const sessionKey = (host: PreviewHost) => sessionKeyOf(host.sessionId)();

/** How a preview line is shown: a rule that fired, one that did not, or a problem found at load. */
export type NoteKind = 'fired' | 'missed' | 'problem';

/** Where preview notes go besides the console (the overlay): a title and its lines. */
export type NoteOutput = (title: string, lines: { text: string; kind: NoteKind }[]) => void;

/** How long the page must stay unchanged before the selectors are checked again. */
export const RECHECK_DEBOUNCE_MS = 500;
/** How often, and how many times, the preview looks for the rules the rules piece is still reading. */
const RULES_POLL_MS = 100;
const RULES_POLL_TIMES = 100;

/** The instances with a running preview, and the extra outputs each one writes to. */
const running = new WeakMap<PreviewHost, Set<NoteOutput>>();

/** Sends one note to the console (one `console.debug`) and to every extra output. */
function note(outputs: Set<NoteOutput>, title: string, lines: { text: string; kind: NoteKind }[]): void {
  const mark = { fired: '✓', missed: '✗', problem: '!' };
  logDebug(true, [`rules: ${title}`, ...lines.map((line) => `  ${mark[line.kind]} ${line.text}`)].join('\n'));
  for (const output of outputs) output(title, lines);
}

/** Where the page's events go now: the URL parts the path gates read, the destinations and the load-level toggles. */
const surroundings = (host: PreviewHost, once?: OnceLimit): Surroundings => ({
  parts: toUrlParts(location.href, document.referrer),
  destinations: host.routes.map((route) => route.destination.name),
  integrations: host.config.integrations,
  once,
});

/** Says, for one DOM event (a click, a submit), each rule whose kind explains it and whether it fired or why not. */
function explainDomEvent(
  host: PreviewHost,
  rules: RuleSet,
  runtimes: Runtimes,
  outputs: Set<NoteOutput>,
  once: OnceLimit,
  event: Event,
): void {
  const { type } = event;
  const path = event.composedPath();
  const verdicts = explainEvent(type, rules.current(), path, surroundings(host, once), runtimes.of);
  if (!verdicts.length) return;
  const target = targetOf(path);
  note(outputs, `${type} on ${describeElement(target)} at ${location.pathname}`, verdicts.map(lineOf));
}

/** A verdict as a preview line. */
const lineOf = ({ name, fired, reason }: Verdict) => ({
  text: `"${name}" ${fired ? 'fired' : 'did not fire'}: ${reason}`,
  kind: fired ? ('fired' as const) : ('missed' as const),
});

/** Starts a runtime that watches the page itself (src/triggers/ `explain.watch`); says each verdict it gives. */
function watchKind(
  host: PreviewHost,
  rules: RuleSet,
  outputs: Set<NoteOutput>,
  once: OnceLimit,
  key: string,
  runtime: TriggerRuntime,
): void {
  runtime.explain?.watch?.(
    () => rules.current().filter((definition) => runtimeKeyOf(definition) === key),
    (definition, found, qualifier) =>
      note(outputs, `${definition.on} at ${location.pathname}`, [lineOf(judge(definition, found, surroundings(host, once), qualifier))]),
  );
}

/** Checks the selectors now and after every change of the page or of the rules (debounced); says only what is new since the last check. */
function watchSelectors(host: PreviewHost, rules: RuleSet, outputs: Set<NoteOutput>): void {
  let said = new Set<string>();
  const check = (title: string) => {
    const found = [...checkSelectors(rules.current(), document), ...checkSources(rules.current(), location.href, sessionKey(host))];
    const fresh = found.filter((text) => !said.has(text));
    said = new Set(found);
    if (fresh.length)
      note(
        outputs,
        title,
        fresh.map((text) => ({ text, kind: 'problem' as const })),
      );
  };
  check(`selectors on ${location.pathname}`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => check(`selectors on ${location.pathname}, checked again after a change`), RECHECK_DEBOUNCE_MS);
  };
  new MutationObserver(later).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
  rules.onChange(later);
}

/** Starts the preview once the rules piece has read the rules: their problems, their selectors, then every DOM event the kinds explain. */
function begin(host: PreviewHost, { rules, problems }: RulesRead, outputs: Set<NoteOutput>): void {
  if (problems.length)
    note(
      outputs,
      'problems found when the rules were read',
      problems.map((text) => ({ text, kind: 'problem' })),
    );
  watchSelectors(host, rules, outputs);
  // Its own record, never written (the tracker's stores the session's list): seeded with the firings of the session's earlier page views.
  const once = createOnceLimit(
    () => false,
    () => sessionKey(host),
  );
  // Each kind in use as its runtime is here: the bundled ones at once, the others' pieces once loaded.
  const runtimes = createRuntimes(host.loadKind);
  const listening = new Set<string>();
  followRuntimes(runtimes, rules, (key, runtime) => {
    watchKind(host, rules, outputs, once, key, runtime);
    for (const type of explainedEvents(runtime)) {
      if (listening.has(type)) continue;
      listening.add(type);
      addEventListener(type, (event) => explainDomEvent(host, rules, runtimes, outputs, once, event), true);
    }
  });
}

/**
 * Starts the debug preview for an instance with rules (once per instance); `output`, when given, also gets every note
 * from now on. Without `events` or `rulesUrl` there is nothing to preview.
 * @example startPreview(host, (title, lines) => overlayNote(overlay, title, lines))
 */
export function startPreview(host: PreviewHost, output?: NoteOutput): void {
  const known = running.get(host);
  if (known) {
    if (output) known.add(output);
    return;
  }
  const outputs = new Set<NoteOutput>(output ? [output] : []);
  running.set(host, outputs);
  if (!host.config.events && !host.config.rulesUrl) return;
  // The rules piece may still be on its way: look for its rule set for a while.
  let tries = 0;
  const wait = () => {
    tries += 1;
    const read = host.rules();
    if (read) begin(host, read, outputs);
    else if (tries < RULES_POLL_TIMES) setTimeout(wait, RULES_POLL_MS);
  };
  wait();
}
