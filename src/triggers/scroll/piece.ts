// Touches window, document and location: the scroll piece (dist/tally-kind-scroll.js), the runtime of `on: 'scroll'`, the page scrolled to each of `percent`'s depths, once per
// depth per page view. A depth already in view at load (or a page too short to scroll) counts as reached, as in GTM; a
// single-page-app route change starts a new view, measured once the new page has had a task to render.
import { listenForUrlChanges } from '../../tracker/url-changes';
import { scrollDepth } from '../../tracker/scroll-depth';
import type { Definition } from '../../rules/types';
import { whenDefined } from '../when-defined';
import type { KindPiece, TriggerRuntime } from '../trigger';

/** What a scroll watch reports: a depth reached, or a view that ended short of some (with the depth it got to). */
interface ScrollHandlers {
  reached(definition: Definition, percent: number): void;
  ended?(definition: Definition, missing: number[], deepest: number): void;
}

/**
 * Watches the scroll depth of each page view for the definitions in force, each depth reached once per view. Returns
 * the function to call when the definitions change. Used by the tracker (to fire) and the preview (to explain).
 */
export function watchScroll(definitions: () => readonly Definition[], handlers: ScrollHandlers): () => void {
  let reached = new Set<string>();
  let deepest = 0;
  const check = () => {
    deepest = Math.max(deepest, scrollDepth());
    for (const definition of definitions())
      for (const percent of definition.percent ?? []) {
        const key = `${definition.name}\n${percent}`;
        if (percent > deepest || reached.has(key)) continue;
        reached.add(key);
        handlers.reached(definition, percent);
      }
  };
  // Passive: the listener never delays scrolling; reading the depth is three numbers, no layout of its own.
  addEventListener('scroll', check, { passive: true });
  addEventListener('resize', check, { passive: true });
  listenForUrlChanges(() => {
    for (const definition of definitions()) {
      const missing = (definition.percent ?? []).filter((percent) => !reached.has(`${definition.name}\n${percent}`));
      if (missing.length) handlers.ended?.(definition, missing, Math.round(deepest));
    }
    reached = new Set();
    deepest = 0;
    setTimeout(check);
  });
  check();
  return check;
}

/** The scroll runtime: no selector; the page's scroll depth is its fact, sent as `percent`. */
export const runtime: TriggerRuntime = {
  start(context) {
    whenDefined(context, () =>
      watchScroll(context.definitions, {
        reached: (definition, percent) => {
          if (context.isFiredHere(definition)) context.fire(definition, { properties: { percent } });
        },
      }),
    );
    return {};
  },
  explain: {
    watch(definitions, say) {
      watchScroll(definitions, {
        reached: (definition, percent) => say(definition, undefined, `scrolled to ${percent} %`),
        ended: (definition, missing, deepest) =>
          say(definition, `${missing.map((percent) => `${percent} %`).join(', ')} not reached (scrolled to ${deepest} %)`),
      });
    },
  },
};

({ runtime }) satisfies KindPiece;
