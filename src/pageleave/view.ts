// Touches location and document: one page view's leave accounting (its messageId, URL, title, deepest scroll, and the
// deferred copies of its Page Left), and the deferred copies' arming (fetchLater, where the engine has it).
import { ulid } from '../event/ids';
import { scrollDepth } from '../tracker/scroll-depth';
import type { Deferred } from '../delivery/transport';
import type { JsonObject } from '../event/types';
import type { PieceContext } from '../pieces/contract';

/** The event's name, as RudderStack's `Page Unloaded` and PostHog's `$pageleave` in Segment's Object-Action casing. */
export const PAGE_LEFT = 'Page Left';

/** One page view's leave accounting. */
export interface View {
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

/** A view starting now, on the current URL. */
export function newView(): View {
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

/** Takes a title the app set after the view started (a router's), while the URL is still the view's. */
export function retitle(view: View): void {
  if (location.href === view.url) view.title = document.title;
}

/** The deferred copies of the views' Page Left. */
export interface DeferredCopies {
  /** Replaces the view's armed copies with ones carrying `properties` (same messageId); an older arming that settles later is withdrawn. */
  arm(view: View, properties: JsonObject): void;
  /** Withdraws the view's copies at its end; true when the browser already sent one (that copy is then the view's report). */
  withdraw(view: View): boolean;
}

/** Creates the arming of deferred copies through the core's trackLater (none where the engine has no fetchLater). */
export function createDeferredCopies(trackLater: PieceContext['trackLater']): DeferredCopies {
  let arms = 0; // the latest arming
  return {
    arm(view, properties) {
      const arming = ++arms;
      void trackLater(PAGE_LEFT, properties, view.messageId).then((deferred) => {
        if (view.ended || arming !== arms) return deferred.forEach((copy) => copy.abort());
        view.deferred.forEach((copy) => copy.abort());
        view.deferred = deferred;
      });
    },
    withdraw(view) {
      arms += 1;
      // Chromium may send a deferred request early (a background tab, after a while).
      const sent = view.deferred.some((copy) => copy.activated);
      view.deferred.forEach((copy) => copy.abort());
      return sent;
    },
  };
}
