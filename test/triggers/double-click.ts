// A made-up trigger kind for test/triggers/made-up-kind.test.ts, written as a file in src/triggers/ would be: the one
// file a new kind is.
import { readInteger } from '../../src/config/readers';
import { findElement } from '../../src/tracker/element';
import type { Trigger } from '../../src/triggers/trigger';

/** A double click on the element a selector matches, at least `minClicks` clicks in a row (checked, not used). */
export const doubleClick: Trigger = {
  kind: 'doubleClick',
  target: 'element',
  fields: { selector: 'selector', minClicks: (problems, at, value) => readInteger(problems, at, value, 2, 2, 5) },
  required: ['selector'],
  start(context) {
    const onDoubleClick = (_event: Event, path: EventTarget[]) => {
      for (const definition of context.definitions()) {
        const element = findElement(path, definition.selector as string);
        if (element) context.fire(definition, element);
      }
    };
    return { listeners: { dblclick: onDoubleClick } };
  },
  standard: (element) => ({ elementId: element.id }),
  explain: {
    events: ['dblclick'],
    match: (definition, path, describe) =>
      findElement(path as EventTarget[], definition.selector as string) ??
      `selector ${definition.selector} was not double-clicked (${describe()})`,
  },
  offer: { label: 'a double click on this element', name: (words) => `${words || 'Element'} Double Clicked` },
};
