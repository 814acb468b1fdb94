// Touches window, document and location: `on: 'scroll'`, the page scrolled to each of `percent`'s depths, once per
// depth per page view. A depth already in view at load (or a page too short to scroll) counts as reached, as in GTM; a
// single-page-app route change starts a new view, measured once the new page has had a task to render.
import { reject } from '../config/readers';
import { listenForUrlChanges } from '../tracker/url-changes';
import { scrollDepth } from '../tracker/scroll-depth';
import type { Definition, Reader } from '../rules/types';
import { whenDefined } from './when-defined';
import type { Trigger } from './trigger';

/** `percent`: a whole percent 1-100 or a list of them, read as a sorted list without repeats. */
const readPercent: Reader = (problems, at, value) => {
  const list = [value].flat();
  const bad = list.findIndex((item) => !(Number.isInteger(item) && (item as number) >= 1 && (item as number) <= 100));
  if (!list.length || bad >= 0)
    return reject(
      problems,
      Array.isArray(value) && list.length ? `${at}[${bad}]` : at,
      'a whole percent 1-100, or a list of them',
      list[bad] ?? value,
    );
  return [...new Set(list as number[])].sort((a, b) => a - b);
};

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

/** The scroll trigger: no selector; the page's scroll depth is its fact, sent as `percent`. */
export const scroll: Trigger = {
  kind: 'scroll',
  target: 'page',
  fields: { percent: readPercent },
  required: ['percent'],
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
  offer: {
    label: 'scrolled to',
    number: { field: 'percent', value: 50, unit: '% of the page' },
    name: (words) => `${words || 'Page'} Scrolled`,
  },
};
