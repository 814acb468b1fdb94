// Touches document and location: the no-code tracker's DOM listeners (one capture-phase click, one submit, page views), which only call the public API.
import { logError } from '../api/errors';
import { findElement, isIgnored } from './element';
import { readIdentity, readProperties } from './properties';
import { listenForUrlChanges } from './url-changes';
import type { Definition } from '../rules/definitions';
import type { EarlyEvent } from './early-events';

/** The public calls rules make; after them, a rule event is an ordinary event (gated, routed, delivered). */
export interface RuleApi {
  track(...args: unknown[]): unknown;
  identify(...args: unknown[]): unknown;
}

/**
 * Starts the listeners the definitions need; page rules fire at once for the current page, and the clicks and submits
 * recorded while the piece loaded (`early`) are applied first. Call it once per instance.
 */
export function startTracker(definitions: readonly Definition[], api: RuleApi, early: readonly EarlyEvent[] = []): void {
  const rules = (on: Definition['on']) => definitions.filter((definition) => definition.on === on);
  const pages = rules('page');
  const clicks = rules('click');
  const submits = rules('submit');

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

  const pageViews = () => pages.forEach((definition) => fire(definition));
  if (pages.length) {
    pageViews();
    listenForUrlChanges(pageViews);
  }

  // A click on a <label> makes the browser click its control too: the rules the label's click fired skip that second click.
  let forwardedTo: EventTarget | undefined;
  let firedBefore: Definition[] = [];
  const onClick = (path: EventTarget[]) => {
    const skip = path[0] === forwardedTo ? firedBefore : [];
    forwardedTo = undefined;
    if (isIgnored(path)) return;
    const fired = clicks.filter((definition) => {
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
    for (const definition of submits) if (form.matches?.(definition.selector as string)) fire(definition, form, event);
  };

  // What happened while this piece loaded first, in order; then the live listeners (capture: a page's stopPropagation cannot hide them).
  for (const { event, path } of early) {
    if (event.type === 'click' && clicks.length) onClick(path);
    if (event.type === 'submit' && submits.length) onSubmit(event, path);
  }
  if (clicks.length) document.addEventListener('click', (event) => onClick(event.composedPath()), true);
  if (submits.length) document.addEventListener('submit', (event) => onSubmit(event, event.composedPath()), true);
}
