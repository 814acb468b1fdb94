// Touches window, document, location and history: one `Page Left` per page view, with its engaged time and deepest
// scroll. It is queued as the view ends (pagehide, a route change, entering the back/forward cache) and goes out with
// the unload pass's keepalive; where the engine has fetchLater (Chromium), a deferred copy with the same messageId
// follows the numbers meanwhile, so a view that ends with no unload event (a discarded background tab) is still reported.
import { scrollDepth } from '../tracker/scroll-depth';
import { listenForUrlChanges } from '../tracker/url-changes';
import { createStopwatch } from './stopwatch';
import { createDeferredCopies, newView, retitle, PAGE_LEFT } from './view';
import type { JsonObject } from '../event/types';
import type { PieceContext } from '../pieces/contract';

export { PAGE_LEFT };
/** A deeper scroll re-arms the deferred copy at most this often. */
export const REARM_MS = 1000;
/** While engaged, the deferred copy is re-armed this often: what a view ending with no event at all (a crash) reports. */
export const ENGAGED_REARM_MS = 5000;

/** What the view leaves at: `true` unloaded, `'cached'` entering the back/forward cache, `'route'` a route change. */
type Ending = true | 'cached' | 'route';

/** What the page's events call: a change of focus or visibility, a scroll, a view's end, a restore. */
interface Handlers {
  engage(): void;
  scrolled(): void;
  end(ending: Ending): void;
  restart(): void;
}

/** Starts Page Left accounting for this page view and the ones after it (route changes, back/forward-cache restores). */
export function startPageLeave(context: PieceContext): void {
  // The piece loads after the page: a first view shown and focused now counts from the navigation's start (a tab opened
  // in the background starts at 0, as it loads hidden).
  const engaged = createStopwatch(Date.now, isEngaged() ? performance.now() : 0);
  const copies = createDeferredCopies(context.trackLater);
  let view = newView();
  let rearm: ReturnType<typeof setTimeout> | undefined;
  let ticking: ReturnType<typeof setInterval> | undefined;

  const properties = (): JsonObject => ({
    engagedMs: Math.round(engaged.elapsed()),
    maxScrollPercent: Math.round(view.maxScroll),
    path: view.path,
    url: view.url,
    title: view.title,
  });

  /** The deferred copy gets the numbers as they are now. */
  function arm() {
    clearTimeout(rearm);
    rearm = undefined;
    if (view.ended) return;
    retitle(view);
    copies.arm(view, properties());
  }

  const handlers: Handlers = {
    engage() {
      const now = isEngaged();
      engaged.run(now);
      clearInterval(ticking);
      ticking = now ? setInterval(arm, ENGAGED_REARM_MS) : undefined;
      // Once it stops counting, the copy gets the final numbers (a hidden tab may be discarded next).
      if (!now) arm();
    },
    scrolled() {
      const depth = scrollDepth();
      if (depth <= view.maxScroll) return;
      view.maxScroll = depth;
      rearm ??= setTimeout(arm, REARM_MS);
    },
    end(ending) {
      const current = view;
      if (current.ended) return;
      current.ended = true;
      if (ending !== 'route') retitle(current);
      if (copies.withdraw(current)) return;
      const queued = context.analytics.track(PAGE_LEFT, properties(), { messageId: current.messageId });
      // At pagehide the core's unload pass started before this listener: a second one makes sure the event goes now.
      if (ending !== 'route') void queued.then(() => context.routes.forEach((route) => route.dispatcher.unload(ending)));
    },
    restart() {
      view = newView();
      engaged.reset();
      handlers.engage();
      arm();
    },
  };
  handlers.engage();
  arm();
  listen(handlers, context.config.pageviews === 'history+hash');
}

/** Engaged: visible and focused (focus moving into one of the page's own frames keeps it). */
const isEngaged = () => document.visibilityState === 'visible' && document.hasFocus();

/** Wires the page's events to `handlers`; a hash change is a route change only with `withHash` (as for page views). */
function listen(handlers: Handlers, withHash: boolean): void {
  addEventListener('scroll', handlers.scrolled, { passive: true });
  addEventListener('focus', handlers.engage);
  // After the task: focus moving into a frame of this page reaches document.hasFocus() only then.
  addEventListener('blur', () => setTimeout(handlers.engage));
  document.addEventListener('visibilitychange', handlers.engage);
  // Capture, as the core's: before the page's own listeners can stop it.
  addEventListener('pagehide', (event) => handlers.end(event.persisted ? 'cached' : true), true);
  addEventListener('pageshow', (event) => event.persisted && handlers.restart(), true);
  const routeKey = () => (withHash ? location.href : location.href.split('#')[0]);
  let last = routeKey();
  listenForUrlChanges(() => {
    if (routeKey() === last) return;
    last = routeKey();
    // The leaving view keeps the URL and title it was shown with; the next one starts from here.
    handlers.end('route');
    handlers.restart();
  });
}
