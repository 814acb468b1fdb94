// Touches document and location: the link piece (dist/tally-kind-link.js), the runtime of click rules with a link preset
// (`link: 'outbound'`...): the nearest link of the preset on a click's path fires the rule, with the link's properties.
import { targetOf } from '../../tracker/element';
import { clickProperties } from '../click';
import { explainLink, findLink, linkProperties } from './links';
import type { KindPiece, TriggerRuntime } from '../trigger';

/** Click rules with a link preset: one capture-phase click listener for all of them. */
export const runtime: TriggerRuntime = {
  start(context) {
    const onClick = (_event: Event, path: EventTarget[]) => {
      for (const definition of context.definitions()) {
        const link = findLink(definition, path, location.href);
        if (link)
          context.fire(definition, { element: link, properties: linkProperties(link.getAttribute('href') as string, location.href) });
      }
    };
    return { listeners: { click: onClick } };
  },
  standard: clickProperties,
  explain: {
    events: ['click'],
    match: (definition, path, describe) => explainLink(definition, path as EventTarget[], location.href, describe(targetOf(path))),
  },
};

({ runtime }) satisfies KindPiece;
