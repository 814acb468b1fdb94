// Touches window, document, location and history: one `Page Left` per page view, with its engaged time and deepest
// scroll. It is queued as the view ends (pagehide, a route change, entering the back/forward cache) and goes out with
// the unload pass's keepalive; where the engine has fetchLater (Chromium), a deferred copy with the same messageId
// follows the numbers meanwhile, so a view that ends with no unload event (a discarded background tab) is still reported.
import { ulid } from '../event/ids';
import { scrollDepth } from '../tracker/scroll-depth';
import { listenForUrlChanges } from '../tracker/url-changes';
import { createStopwatch } from './stopwatch';
import type { Deferred } from '../delivery/transport';
import type { JsonObject } from '../event/types';
import type { PieceContext } from '../pieces/contract';

/** The event's name, as RudderStack's `Page Unloaded` and PostHog's `$pageleave` in Segment's Object-Action casing. */
export const PAGE_LEFT = 'Page Left';
/** A deeper scroll re-arms the deferred copy at most this often. */
export const REARM_MS = 1000;
/** While engaged, the deferred copy is re-armed this often: what a view ending with no event at all (a crash) reports. */
export const ENGAGED_REARM_MS = 5000;

/** One page view's leave accounting. */
interface View {
  messageId: string;
  url: string;
  path: string;
  title: string;
  maxScroll: number;
  /** Its Page Left was queued (or the browser already sent its deferred copy): never a second one. */
  ended: boolean;
  /** The armed deferred copies (one per destination). */
  deferred: Deferred[];
}

/** What the view leaves at: `true` unloaded, `'cached'` entering the back/forward cache, `'route'` a route change. */
type Ending = true | 'cached' | 'route';

/** Starts Page Left accounting for this page view and the ones after it (route changes, back/forward-cache restores). */
export function startPageLeave(context: PieceContext): void {
  // The piece loads after the page: a first view shown and focused now counts from the navigation's start (a tab opened
  // in the background starts at 0, as it loads hidden).
  const engaged = createStopwatch(Date.now, isEngaged() ? performance.now() : 0);
  const routeKey = context.config.pageviews === 'history+hash' ? (href: string) => href : (href: string) => href.split('#')[0];
  let view = newView();
  let arms = 0; // the latest arm; an older one that settles later is withdrawn
  let rearm: ReturnType<typeof setTimeout> | undefined;
  let ticking: ReturnType<typeof setInterval> | undefined;

  const properties = (): JsonObject => ({
    engagedMs: Math.round(engaged.elapsed()),
    maxScrollPercent: Math.round(view.maxScroll),
    path: view.path,
    url: view.url,
    title: view.title,
  });

  const engage = () => {
    const now = isEngaged();
    engaged.run(now);
    if (now) ticking ??= setInterval(arm, ENGAGED_REARM_MS);
    else {
      clearInterval(ticking);
      ticking = undefined;
    }
  };

  /** Where the engine has fetchLater: the deferred copy is replaced by one with the numbers as they are now. */
  function arm() {
    clearTimeout(rearm);
    rearm = undefined;
    const current = view;
    const arming = ++arms;
    if (current.ended) return;
    retitle(current);
    void context.trackLater(PAGE_LEFT, properties(), current.messageId).then((deferred) => {
      if (current.ended || arming !== arms) return deferred.forEach((copy) => copy.abort());
      current.deferred.forEach((copy) => copy.abort());
      current.deferred = deferred;
    });
  }

  /** Ends the view: its Page Left is queued once, unless the browser already sent the deferred copy. */
  function end(ending: Ending) {
    const current = view;
    if (current.ended) return;
    current.ended = true;
    arms += 1;
    if (ending !== 'route') retitle(current);
    // Chromium may send a deferred request early (a background tab, after a while): that copy is this view's report.
    const sent = current.deferred.some((copy) => copy.activated);
    current.deferred.forEach((copy) => copy.abort());
    if (sent) return;
    const queued = context.analytics.track(PAGE_LEFT, properties(), { messageId: current.messageId });
    // At pagehide the core's unload pass already ran, before this listener: a second one sends the event now.
    if (ending !== 'route') void queued.then(() => context.routes.forEach((route) => route.dispatcher.unload(ending)));
  }

  /** A new view starts: a route change, or a restore from the back/forward cache. */
  function restart() {
    view = newView();
    engaged.reset();
    engage();
    arm();
  }

  function onScroll() {
    const depth = scrollDepth();
    if (depth <= view.maxScroll) return;
    view.maxScroll = depth;
    rearm ??= setTimeout(arm, REARM_MS);
  }

  engage();
  arm();
  addEventListener('scroll', onScroll, { passive: true });
  // Focus and visibility change what counts; once it stops counting, the deferred copy gets the final numbers.
  const onFocusChange = () => {
    engage();
    if (!document.hasFocus() || document.visibilityState !== 'visible') arm();
  };
  addEventListener('focus', onFocusChange);
  // After the task: focus moving into a frame of this page reaches document.hasFocus() only then.
  addEventListener('blur', () => setTimeout(onFocusChange));
  document.addEventListener('visibilitychange', onFocusChange);
  // Capture, as the core's: before the page's own listeners can stop it.
  addEventListener('pagehide', (event) => end(event.persisted ? 'cached' : true), true);
  addEventListener('pageshow', (event) => event.persisted && restart(), true);
  let last = routeKey(location.href);
  listenForUrlChanges(() => {
    const key = routeKey(location.href);
    if (key === last) return;
    last = key;
    // The leaving view keeps the URL and title it was shown with; the next one starts from here.
    end('route');
    restart();
  });
}

/** Engaged: visible and focused (focus moving into one of the page's own frames keeps it). */
const isEngaged = () => document.visibilityState === 'visible' && document.hasFocus();

/** A title the app set after the view started (a router's), while the URL is still the view's. */
function retitle(view: View) {
  if (location.href === view.url) view.title = document.title;
}

/** A view starting now, on the current URL. */
function newView(): View {
  return {
    messageId: ulid(),
    url: location.href,
    path: location.pathname,
    title: document.title,
    maxScroll: scrollDepth(),
    ended: false,
    deferred: [],
  };
}
