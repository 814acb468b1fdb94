// Touches document and location: the no-code tracker's DOM listeners (one capture-phase click, one submit, page views), which only call the public API.
import { logError } from '../errors';
import { findElement, isIgnored } from './element';
import { readIdentity, readProperties, readStandardProperties } from './properties';
import { listenForUrlChanges } from './url-changes';
import type { Definition } from './definitions';

/** The public calls rules make; after them, a rule event is an ordinary event (gated, routed, delivered). */
export interface RuleApi {
  track(...args: unknown[]): unknown;
  identify(...args: unknown[]): unknown;
}

/** Starts the listeners the definitions need; page rules fire at once for the current page. Call it once per instance. */
export function startTracker(definitions: readonly Definition[], api: RuleApi): void {
  const rules = (on: Definition['on']) => definitions.filter((definition) => definition.on === on);
  const [pages, clicks, submits] = [rules('page'), rules('click'), rules('submit')];

  /** Reads the event's data now and returns the call that sends it (a submit may be sent after its dispatch). */
  const prepare = (definition: Definition, element?: Element) => {
    try {
      const options = { context: { tally: { rule: definition.name } } };
      const identity = definition.identify && element && readIdentity(definition, element);
      const properties = { ...(element && readStandardProperties(element, definition.on)), ...readProperties(definition, element, location.search) };
      return () => {
        if (identity) api.identify(...identity, options);
        api.track(definition.name, properties, options);
      };
    } catch (error) {
      logError(error);
      return () => {};
    }
  };

  const pageViews = () => pages.forEach((definition) => prepare(definition)());
  if (pages.length) {
    pageViews();
    listenForUrlChanges(pageViews);
  }

  // A click on a <label> makes the browser click its control too: the rules the label's click fired skip that second click.
  let forwardedTo: EventTarget | undefined;
  let firedBefore: Definition[] = [];
  if (clicks.length) {
    document.addEventListener(
      'click',
      (event) => {
        const path = event.composedPath();
        const skip = path[0] === forwardedTo ? firedBefore : [];
        forwardedTo = undefined;
        if (isIgnored(path)) return;
        const fired = clicks.filter((definition) => {
          const element = !skip.includes(definition) && findElement(path, definition.selector as string, definition.text);
          return element && (prepare(definition, element)(), true);
        });
        const control = (path.find((node) => (node as Element).tagName === 'LABEL') as HTMLLabelElement | undefined)?.control;
        if (control && !control.contains(path[0] as Node)) {
          forwardedTo = control;
          firedBefore = fired;
          setTimeout(() => (forwardedTo = undefined));
        }
      },
      true, // capture: a page's stopPropagation cannot hide the click
    );
  }

  if (submits.length) {
    document.addEventListener(
      'submit',
      (event) => {
        const path = event.composedPath();
        const form = path[0] as Element;
        if (isIgnored(path)) return;
        for (const definition of submits) {
          if (!form.matches(definition.selector as string)) continue;
          const send = prepare(definition, form);
          // Capture runs before the page's handlers: whether one cancelled the submit is known only after dispatch.
          if (definition.skipCancelled) setTimeout(() => event.defaultPrevented || send());
          else send();
        }
      },
      true,
    );
  }
}
