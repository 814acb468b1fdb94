// Touches document: `on: 'click'`, a click on (or inside) the element a selector matches, optionally with a given text.
// One capture-phase listener serves every click rule; the preview explains which element a click matched or why none.
import { findElement, targetOf } from '../tracker/element';
import { attributeOf, textOf } from '../tracker/text';
import { explainLink, findLink, LINK_FIELDS, linkProperties, optionOf } from './links';
import type { Definition } from '../rules/types';
import type { Trigger } from './trigger';

/** The click trigger: the nearest matching element on the click's composed path, open shadow roots included. */
export const click: Trigger = {
  kind: 'click',
  target: 'element',
  fields: { selector: 'selector', text: 'pattern', ...LINK_FIELDS },
  // A link preset (links.ts) stands for a selector; with one, the selector narrows it.
  check: (definition) => (definition.selector || optionOf(definition, 'link') ? undefined : { field: 'selector', detail: 'required' }),
  start(context) {
    // A click on a <label> makes the browser click its control too: the rules the label's click fired skip that second click.
    let forwardedTo: EventTarget | undefined;
    let firedBefore: Definition[] = [];
    const fireLink = (definition: Definition, path: EventTarget[]) => {
      const link = findLink(definition, path, location.href);
      if (link) context.fire(definition, { element: link, properties: linkProperties(link.getAttribute('href') as string, location.href) });
      return !!link;
    };
    const onClick = (_event: Event, path: EventTarget[]) => {
      const skip = path[0] === forwardedTo ? firedBefore : [];
      forwardedTo = undefined;
      const fired = context.definitions().filter((definition) => {
        if (skip.includes(definition)) return false;
        if (optionOf(definition, 'link')) return fireLink(definition, path);
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
  standard: (element) => ({
    elementText: textOf(element),
    elementId: attributeOf(element, 'id'),
    elementClasses: attributeOf(element, 'class'),
    href: attributeOf(element, 'href'),
  }),
  explain: {
    events: ['click'],
    match(definition, path, describe) {
      if (optionOf(definition, 'link')) return explainLink(definition, path as EventTarget[], location.href, describe(targetOf(path)));
      const selector = definition.selector as string;
      const nearest = findElement(path as EventTarget[], selector);
      if (!nearest) return `selector ${selector} did not match (clicked ${describe(targetOf(path))})`;
      const element = definition.text ? findElement(path as EventTarget[], selector, definition.text) : nearest;
      return element ?? `text did not match: ${definition.text?.written} is not ${JSON.stringify(textOf(nearest))}`;
    },
  },
  offer: { label: 'a click on this element', name: (words) => `${words || 'Element'} Clicked`, text: true },
};
