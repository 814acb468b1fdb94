// Touches document: `on: 'visible'`, an element a selector matches coming into view: at least `threshold` of it (default
// half) for at least `minMs` without a break, while the tab is shown; once per element per page view.
import { readInteger, reject } from '../config/readers';
import { watchVisibility } from '../tracker/visibility';
import { attributeOf, textOf } from '../tracker/text';
import type { Reader } from '../rules/types';
import { whenDefined } from './when-defined';
import type { Trigger } from './trigger';

/** The longest `minMs`: a minute of unbroken view. */
const MAX_MIN_MS = 60 * 1000;

/** `threshold`: the share of the element in the viewport, 0 (any part) to 1 (all of it). */
const readThreshold: Reader = (problems, at, value) =>
  typeof value === 'number' && value >= 0 && value <= 1
    ? value
    : reject(problems, at, 'a share from 0 to 1 (0.5: half of the element)', value);

/** The visibility trigger: the element seen is the matched element; how long it was seen is sent as `visibleMs`. */
export const visible: Trigger = {
  kind: 'visible',
  target: 'element',
  fields: {
    selector: 'selector',
    threshold: readThreshold,
    minMs: (problems, at, value) => readInteger(problems, at, value, 0, 0, MAX_MIN_MS),
  },
  required: ['selector'],
  start(context) {
    // Only a page with visibility rules observes its elements.
    whenDefined(context, () =>
      watchVisibility(context.definitions, {
        seen: (definition, element, visibleMs) => {
          if (context.isFiredHere(definition)) context.fire(definition, { element, properties: { visibleMs } });
        },
      }),
    );
    return {};
  },
  standard: (element) => ({
    elementText: textOf(element),
    elementId: attributeOf(element, 'id'),
    elementClasses: attributeOf(element, 'class'),
  }),
  explain: {
    watch(definitions, say) {
      watchVisibility(definitions, {
        seen: (definition, element, visibleMs) => say(definition, element, `in view for ${visibleMs} ms`),
        missed: (definition, why) => say(definition, why),
      });
    },
  },
  offer: { label: 'when it becomes visible', name: (words) => `${words || 'Element'} Seen` },
};
