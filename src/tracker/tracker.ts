// Touches document and location: the no-code tracker's DOM listeners (one capture-phase click, one submit, page views), which only call the public API.
import { logError } from '../errors';
import { findElement, isIgnored } from './element';
import { readIdentity, readProperties } from './properties';
import { listenForUrlChanges } from './url-changes';
import { isFiredOn } from '../rules/gate';
import { toUrlParts } from '../rules/url-pattern';
import type { Definition } from '../rules/definitions';
import type { RuleSet } from '../rules/rule-set';
import type { EarlyEvent } from './early-events';

/** The public calls rules make; after them, a rule event is an ordinary event (gated, routed, delivered). */
export interface RuleApi {
  track(...args: unknown[]): unknown;
  identify(...args: unknown[]): unknown;
}

/**
 * Starts the listeners the definitions in force need; page rules fire at once for the current page, and the clicks and
 * submits recorded while the piece loaded (`early`) are applied first. Rules follow the set's changes (a fresh rules
 * document): a page rule new to this view fires then, once. Call it once per instance.
 */
export function startTracker(rules: RuleSet, api: RuleApi, early: readonly EarlyEvent[] = []): void {
  const of = (on: Definition['on']) => rules.current().filter((definition) => definition.on === on);

  /**
   * Reads the event's data now (before the app can reset a form) and sends it; a `skipCancelled` submit is sent
   * after its dispatch, once whether a page handler cancelled it is known (capture runs before the page's handlers).
   */
  const fire = (definition: Definition, element?: Element, submit?: Event) => {
    try {
      const options = { context: { tally: { rule: definition.name } } };
      const identity = readIdentity(definition, element);
      const properties = readProperties(definition, element, location.search);
      const send = () => {
        if (identity) api.identify(...identity, options);
        api.track(definition.name, properties, options);
      };
      if (submit && definition.skipCancelled) {
        setTimeout(() => {
          if (!submit.defaultPrevented) send();
        });
      } else {
        send();
      }
    } catch (error) {
      // Named by its rule: the page cannot tell otherwise which definition failed.
      logError(`events[${JSON.stringify(definition.name)}]: not sent (${error instanceof Error ? error.message : String(error)})`);
    }
  };

  // Page rules fired for this view, by name: a rules document that arrives later fires only those new to the view.
  let firedInView = new Set<string>();
  const pageViews = () => {
    const parts = toUrlParts(location.href, document.referrer);
    for (const definition of of('page'))
      if (!firedInView.has(definition.name) && isFiredOn(definition, parts)) {
        firedInView.add(definition.name);
        fire(definition);
      }
  };
  let watching = false;
  const watchPages = () => {
    if (watching || !of('page').length) return;
    watching = true;
    listenForUrlChanges(() => {
      firedInView = new Set();
      pageViews();
    });
  };
  pageViews();
  watchPages();
  rules.onChange(() => {
    pageViews();
    watchPages();
  });

  // A click on a <label> makes the browser click its control too: the rules the label's click fired skip that second click.
  let forwardedTo: EventTarget | undefined;
  let firedBefore: Definition[] = [];
  const onClick = (path: EventTarget[]) => {
    const skip = path[0] === forwardedTo ? firedBefore : [];
    forwardedTo = undefined;
    if (isIgnored(path)) return;
    const fired = of('click').filter((definition) => {
      if (skip.includes(definition)) return false;
      const element = findElement(path, definition.selector as string, definition.text);
      if (element) fire(definition, element);
      return !!element;
    });
    const control = (path.find((node) => (node as Element).tagName === 'LABEL') as HTMLLabelElement | undefined)?.control;
    if (control && !control.contains(path[0] as Node)) {
      forwardedTo = control;
      firedBefore = fired;
      setTimeout(() => {
        forwardedTo = undefined;
      });
    }
  };
  const onSubmit = (event: Event, path: EventTarget[]) => {
    const form = path[0] as Element;
    if (isIgnored(path)) return;
    for (const definition of of('submit')) if (form.matches?.(definition.selector as string)) fire(definition, form, event);
  };

  // What happened while this piece loaded first, in order; then the live listeners (capture: a page's stopPropagation cannot hide them).
  for (const { event, path } of early) {
    if (event.type === 'click') onClick(path);
    if (event.type === 'submit') onSubmit(event, path);
  }
  document.addEventListener('click', (event) => onClick(event.composedPath()), true);
  document.addEventListener('submit', (event) => onSubmit(event, event.composedPath()), true);
}
