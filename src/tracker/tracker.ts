// Touches document and location: the no-code tracker. It starts every trigger kind of src/triggers/list.ts, hands each
// the definitions of its kind and one way to fire them, and owns the kinds' document listeners; rule events only call
// the public API.
import { logError } from '../errors';
import { isIgnored } from './element';
import { readIdentity, readProperties } from './properties';
import { isFiredOn } from '../rules/gate';
import { toUrlParts } from '../rules/url-pattern';
import { TRIGGERS } from '../triggers/list';
import { createOnceLimit, type OnceLimit } from './once';
import type { Definition } from '../rules/definitions';
import type { RuleSet } from '../rules/rule-set';
import type { EarlyEvent } from './early-events';
import type { Facts, Listening, Trigger, TriggerContext } from '../triggers/trigger';

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
function fireRule(api: RuleApi, once: OnceLimit, definition: Definition, { element, properties: own, later, data }: Facts = {}): void {
  if (once.spent(definition)) return;
  try {
    const options = { context: { tally: { rule: definition.name } } };
    const identity = readIdentity(definition, element);
    const properties = readProperties(definition, element, location.href, own, data);
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

/** What one kind is given: the definitions of its kind, the rule set's changes, the page's path gate and fireRule. */
function contextFor(trigger: Trigger, rules: RuleSet, api: RuleApi, options: TriggerContext['options'], once: OnceLimit): TriggerContext {
  return {
    options,
    definitions: () => rules.current().filter((definition) => definition.on === trigger.kind),
    onChange: (listener) => rules.onChange(listener),
    isFiredHere: (definition) => isFiredOn(definition, toUrlParts(location.href, document.referrer)),
    fire: (definition, facts) => fireRule(api, once, definition, facts),
  };
}

/**
 * Starts every trigger kind of the list for the rules in force; the clicks and submits recorded while the piece loaded
 * (`early`) are handed to the kinds' listeners first, in order. Rules follow the set's changes (a fresh rules
 * document). `options` are the load options kinds read (`dataLayer`); `storing` says whether consent lets the `once`
 * limit write sessionStorage now. Call it once per instance; returns `stop()`.
 */
export function startTracker(
  rules: RuleSet,
  api: RuleApi,
  early: readonly EarlyEvent[] = [],
  options: TriggerContext['options'] = {},
  storing: () => boolean = () => false,
): () => void {
  const once = createOnceLimit(storing);
  const started: Listening[] = TRIGGERS.map((trigger) => trigger.start(contextFor(trigger, rules, api, options, once)));
  // Nothing inside data-tally-ignore fires, whatever the kind.
  const dispatch = (event: Event, path: EventTarget[]) => {
    if (isIgnored(path)) return;
    for (const listening of started) listening.listeners?.[event.type]?.(event, path);
  };
  for (const { event, path } of early) dispatch(event, path);
  // Capture phase: a page's stopPropagation cannot hide them.
  const onEvent = (event: Event) => dispatch(event, event.composedPath());
  const types = new Set(started.flatMap((listening) => Object.keys(listening.listeners ?? {})));
  for (const type of types) document.addEventListener(type, onEvent, true);
  return () => {
    for (const type of types) document.removeEventListener(type, onEvent, true);
    for (const listening of started) listening.stop?.();
  };
}
