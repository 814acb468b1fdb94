// Touches document: the visible piece (dist/tally-kind-visible.js), the runtime of `on: 'visible'`: an element a selector
// matches coming into view, at least `threshold` of it (default half) for at least `minMs` without a break, while the tab
// is shown; once per element per page view.
import { watchVisibility } from '../../tracker/visibility';
import { attributeOf, textOf } from '../../tracker/text';
import { whenDefined } from '../when-defined';
import type { KindPiece, TriggerRuntime } from '../trigger';

/** The visibility runtime: the element seen is the matched element; how long it was seen is sent as `visibleMs`. */
export const runtime: TriggerRuntime = {
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
};

({ runtime }) satisfies KindPiece;
