// Touches document and location: the no-code tracker. It starts the runtime of every trigger kind in use
// (src/triggers/runtimes.ts: click, submit and page bundled, the others' pieces loaded when a rule needs them), hands
// each the definitions it handles and one way to fire them, and owns the kinds' document listeners; rule events only
// call the public API.
import { logError } from '../errors';
import { isIgnored } from './element';
import { readIdentity, readProperties } from './properties';
import { isFiredOn } from '../rules/gate';
import { toUrlParts } from '../rules/url-pattern';
import { CORE_RUNTIMES, createRuntimes, noKinds, runtimeKeyOf } from '../triggers/runtimes';
import { createOnceLimit, sessionKeyOf, type OnceLimit } from './once';
import type { Definition } from '../rules/definitions';
import type { RuleSet } from '../rules/rule-set';
import type { EarlyEvent } from './early-events';
import type { Facts, Listening, LoadKind, TriggerContext, TriggerRuntime } from '../triggers/trigger';

/** The public calls rules make; after them, a rule event is an ordinary event (gated, routed, delivered). */
export interface RuleApi {
  track(...args: unknown[]): unknown;
  identify(...args: unknown[]): unknown;
}

/**
 * Reads the event's data now (before the app can reset a form) and sends it, at once or when `later` says so, unless
 * its `once` limit is spent (checked again at sending: two submits may wait at once). A rule that fails is named in
 * one console error; the other rules keep working.
 */
function fireRule(api: RuleApi, runtime: TriggerRuntime, once: OnceLimit, definition: Definition, facts: Facts = {}): void {
  const { element, properties: own, later, data } = facts;
  if (once.spent(definition)) return;
  try {
    const options = { context: { tally: { rule: definition.name } } };
    const identity = readIdentity(definition, element);
    const properties = readProperties(definition, element, location.href, own, data, runtime.standard ?? (() => ({})));
    const send = () => {
      if (once.spent(definition)) return;
      once.fired(definition);
      if (identity) api.identify(...identity, options);
      api.track(definition.name, properties, options);
    };
    if (later) later(send);
    else send();
  } catch (error) {
    // Named by its rule: the page cannot tell otherwise which definition failed.
    logError(`events[${JSON.stringify(definition.name)}]: not sent (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** What one runtime is given: the definitions it handles (`key`), the rule set's changes, the page's path gate and fireRule. */
function contextFor(
  key: string,
  runtime: TriggerRuntime,
  rules: RuleSet,
  api: RuleApi,
  options: TriggerContext['options'],
  once: OnceLimit,
): TriggerContext {
  return {
    options,
    definitions: () => rules.current().filter((definition) => runtimeKeyOf(definition) === key),
    onChange: (listener) => rules.onChange(listener),
    isFiredHere: (definition) => isFiredOn(definition, toUrlParts(location.href, document.referrer)),
    fire: (definition, facts) => fireRule(api, runtime, once, definition, facts),
    track: (name, properties) => api.track(name, properties, { context: { tally: { rule: name } } }),
  };
}

/** How the tracker starts besides its rules: all optional (a test of the bundled kinds gives none). */
export interface TrackerStart {
  /** The clicks and submits recorded while the tracker loaded. */
  early?: readonly EarlyEvent[];
  /** The load options kinds read (`dataLayer`). */
  options?: TriggerContext['options'];
  /** Where the kinds' pieces come from. */
  loadKind?: LoadKind;
  /** The kinds' pieces the load options need without any rule. */
  optionPieces?: readonly string[];
  /** Whether consent lets the `once` limit write sessionStorage now (never, by default). */
  storing?: () => boolean;
  /** The core's session id, which `once: 'session'` counts in (undefined with `session: false`: the tab's session). */
  sessionId?: () => number | undefined;
}

/**
 * Starts the runtime of every trigger kind in use for the rules in force: click, submit and page at once, any other
 * when its piece (`loadKind`) is here; the clicks and submits recorded while the tracker loaded (`early`) are handed to
 * the listeners first, in order. Rules follow the set's changes (a fresh rules document), which may load more pieces;
 * each rule's `once` limit is kept across them.
 * Call it once per instance; returns `stop()`.
 */
export function startTracker(rules: RuleSet, api: RuleApi, start: TrackerStart = {}): () => void {
  const { early = [], options = {}, loadKind = noKinds, optionPieces = [], storing = () => false, sessionId } = start;
  const once = createOnceLimit(storing, sessionKeyOf(sessionId));
  const started: Listening[] = [];
  const types = new Set<string>();
  let stopped = false;
  // Nothing inside data-tally-ignore fires, whatever the kind.
  const dispatch = (event: Event, path: EventTarget[], to: readonly Listening[]) => {
    if (isIgnored(path)) return;
    for (const listening of to) listening.listeners?.[event.type]?.(event, path);
  };
  // Capture phase: a page's stopPropagation cannot hide them.
  const onEvent = (event: Event) => dispatch(event, event.composedPath(), started);
  const begin = (key: string, runtime: TriggerRuntime): Listening => {
    const listening = runtime.start(contextFor(key, runtime, rules, api, options, once));
    started.push(listening);
    for (const type of Object.keys(listening.listeners ?? {})) {
      if (types.has(type)) continue;
      types.add(type);
      document.addEventListener(type, onEvent, true);
    }
    return listening;
  };
  const bundled = Object.entries(CORE_RUNTIMES).map(([key, runtime]) => begin(key, runtime));
  for (const { event, path } of early) dispatch(event, path, bundled);
  // A piece needed at start also gets the early events; one a later rules document needs starts from then on.
  const runtimes = createRuntimes(loadKind);
  const arrive = (replay: readonly EarlyEvent[]) => (key: string, runtime: TriggerRuntime) => {
    if (stopped) return;
    try {
      const listening = begin(key, runtime);
      for (const { event, path } of replay) dispatch(event, path, [listening]);
    } catch (error) {
      logError(error);
    }
  };
  runtimes.need(rules.current(), optionPieces, arrive(early));
  rules.onChange(() => runtimes.need(rules.current(), [], arrive([])));
  return () => {
    stopped = true;
    for (const type of types) document.removeEventListener(type, onEvent, true);
    for (const listening of started) listening.stop?.();
  };
}
