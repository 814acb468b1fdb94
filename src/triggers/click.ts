// Touches document: `on: 'click'`, a click on (or inside) the element a selector matches, optionally with a given text.
// One capture-phase listener serves every click rule; the preview explains which element a click matched or why none.
// A click rule with a link preset (`link`) is run by the link piece (src/triggers/link/), not here.
import { findElement, targetOf } from '../tracker/element';
import { attributeOf, textOf } from '../tracker/text';
import { LINK_FIELDS, optionOf } from './link/spec';
import type { Definition } from '../rules/types';
import type { TriggerRuntime, TriggerSpec } from './trigger';

/** The click trigger: the nearest matching element on the click's composed path, open shadow roots included. */
export const click: TriggerSpec = {
  kind: 'click',
  target: 'element',
  fields: { selector: 'selector', text: 'pattern', ...LINK_FIELDS },
  // A link preset (link/) stands for a selector; with one, the selector narrows it.
  check: (definition) => (definition.selector || optionOf(definition, 'link') ? undefined : { field: 'selector', detail: 'required' }),
  piece: (definition) => (optionOf(definition, 'link') ? 'link' : undefined),
  offer: { label: 'a click on this element', name: (words) => `${words || 'Element'} Clicked`, text: true },
};

/** The standard properties of a clicked element (the link piece sends them too). */
export const clickProperties = (element: Element) => ({
  elementText: textOf(element),
  elementId: attributeOf(element, 'id'),
  elementClasses: attributeOf(element, 'class'),
  href: attributeOf(element, 'href'),
});

/** The click runtime, bundled in the tracker: click rules without a link preset. */
export const clickRuntime: TriggerRuntime = {
  start(context) {
    // A click on a <label> makes the browser click its control too: the rules the label's click fired skip that second click.
    let forwardedTo: EventTarget | undefined;
    let firedBefore: Definition[] = [];
    const onClick = (_event: Event, path: EventTarget[]) => {
      const skip = path[0] === forwardedTo ? firedBefore : [];
      forwardedTo = undefined;
      const fired = context.definitions().filter((definition) => {
        if (skip.includes(definition)) return false;
        const element = findElement(path, definition.selector as string, definition.text);
        if (element) context.fire(definition, { element });
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
    return { listeners: { click: onClick } };
  },
  standard: clickProperties,
  explain: {
    events: ['click'],
    match(definition, path, describe) {
      const selector = definition.selector as string;
      const nearest = findElement(path as EventTarget[], selector);
      if (!nearest) return `selector ${selector} did not match (clicked ${describe(targetOf(path))})`;
      const element = definition.text ? findElement(path as EventTarget[], selector, definition.text) : nearest;
      return element ?? `text did not match: ${definition.text?.written} is not ${JSON.stringify(textOf(nearest))}`;
    },
  },
};
