// Touches window, history and location: automatic page views for single-page apps (`pageviews: 'history'`), as GTM's
// History Change trigger and PostHog's history_change do: page() on every real URL change and on a back/forward-cache restore.
import { listenForUrlChanges } from './url-changes';

/** What `pageviews` asks for: URL changes by path and query, or hash changes too. */
export type PageviewMode = 'history' | 'history+hash';

/**
 * Calls `page()` after each pushState, replaceState to a new URL, popstate (and hashchange with `'history+hash'`), once
 * per new URL, and when the page is restored from the back/forward cache. The load's own page view is the snippet's.
 */
export function trackPageviews(page: () => unknown, mode: PageviewMode): void {
  const withoutHash = (href: string) => href.split('#')[0];
  const key = () => (mode === 'history+hash' ? location.href : withoutHash(location.href));
  let last = key();
  listenForUrlChanges(() => {
    const now = key();
    if (now === last) return;
    last = now;
    page();
  });
  addEventListener('pageshow', (event) => {
    if (event.persisted) page();
  });
}
