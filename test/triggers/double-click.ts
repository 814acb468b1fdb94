// A made-up trigger kind for test/triggers/made-up-kind.test.ts, written as the folder src/triggers/double-click/ would
// be: its spec (spec.ts, in the list) and its piece's runtime (piece.ts, loaded when a rule uses the kind).
import { readInteger } from '../../src/config/readers';
import { findElement } from '../../src/tracker/element';
import type { KindPiece, TriggerRuntime, TriggerSpec } from '../../src/triggers/trigger';

/** A double click on the element a selector matches (`minClicks` is read and checked, not used), with the click count. */
export const doubleClick: TriggerSpec = {
  kind: 'doubleClick',
  target: 'element',
  fields: { selector: 'selector', minClicks: (problems, at, value) => readInteger(problems, at, value, 2, 2, 5) },
  required: ['selector'],
  piece: 'double-click',
  offer: { label: 'a double click on this element', name: (words) => `${words || 'Element'} Double Clicked` },
};

/** Its runtime: what src/triggers/double-click/piece.ts would export. */
export const runtime: TriggerRuntime = {
  start(context) {
    const onDoubleClick = (event: Event, path: EventTarget[]) => {
      for (const definition of context.definitions()) {
        const element = findElement(path, definition.selector as string);
        if (element) context.fire(definition, { element, properties: { clicks: (event as MouseEvent).detail } });
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
    // A single click on the element is a miss no dblclick event tells of: the kind watches for it itself.
    watch(definitions, say) {
      addEventListener('click', (event) => {
        for (const definition of definitions()) {
          const element = findElement(event.composedPath(), definition.selector as string);
          if (element && event.detail === 1) say(definition, `clicked once on ${element.localName}; a double click fires it`);
        }
      });
    },
  },
};

({ runtime }) satisfies KindPiece;
