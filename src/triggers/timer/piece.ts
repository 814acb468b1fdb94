// Touches document and location: the timer piece (dist/tally-kind-timer.js), the runtime of `on: 'timer'`, a page visible for `afterMs` in total in one page view (a hidden tab's
// time does not count; a single-page-app route change starts a new view). One timeout serves every timer rule.
import { listenForUrlChanges } from '../../tracker/url-changes';
import { createVisibleClock, isPageVisible } from '../../tracker/visible-clock';
import type { Definition } from '../../rules/types';
import { whenDefined } from '../when-defined';
import type { KindPiece, TriggerRuntime } from '../trigger';

/** What a timer watch reports: a rule reached (with the visible ms), or a view that ended before it (visible ms so far). */
interface TimerHandlers {
  reached(definition: Definition, visibleMs: number): void;
  ended?(definition: Definition, visibleMs: number): void;
}

/**
 * Watches the visible time of each page view for the definitions in force, each reached once per view. Returns the
 * function to call when the definitions change. Used by the tracker (to fire) and the preview (to explain).
 */
export function watchTimers(definitions: () => readonly Definition[], handlers: TimerHandlers): () => void {
  let reached = new Set<string>();
  let timeout: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    clearTimeout(timeout);
    if (!isPageVisible()) return;
    const now = clock.elapsed();
    let next = Infinity;
    for (const definition of definitions()) {
      const after = definition.afterMs ?? 0;
      if (reached.has(definition.name)) continue;
      if (now >= after) {
        reached.add(definition.name);
        handlers.reached(definition, now);
      } else next = Math.min(next, after - now);
    }
    if (next < Infinity) timeout = setTimeout(check, next);
  };
  const clock = createVisibleClock(check);
  listenForUrlChanges(() => {
    const now = clock.elapsed();
    for (const definition of definitions()) if (!reached.has(definition.name)) handlers.ended?.(definition, now);
    reached = new Set();
    clock.reset();
    check();
  });
  check();
  return check;
}

/** The timer runtime: no selector, no DOM listener; the page's visible time is its fact. */
export const runtime: TriggerRuntime = {
  start(context) {
    whenDefined(context, () =>
      watchTimers(context.definitions, {
        reached: (definition, visibleMs) => {
          if (context.isFiredHere(definition)) context.fire(definition, { properties: { visibleMs } });
        },
      }),
    );
    return {};
  },
  explain: {
    watch(definitions, say) {
      watchTimers(definitions, {
        reached: (definition, visibleMs) => say(definition, undefined, `visible for ${visibleMs} ms`),
        ended: (definition, visibleMs) => say(definition, `the page view ended after ${visibleMs} of ${definition.afterMs} ms visible`),
      });
    },
  },
};

({ runtime }) satisfies KindPiece;
