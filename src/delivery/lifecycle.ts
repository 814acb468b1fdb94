// Touches window and document: the page lifecycle signals delivery reacts to (hidden, unloading, back online).
import type { Leaving } from './unload';

/**
 * Calls `onHide` when the page may be about to go away: `pagehide` (`leaving`: true when the page is being unloaded,
 * 'cached' when it enters the back/forward cache), or `visibilitychange` to hidden (false: a tab switch, which may end
 * in a discard) (https://developer.chrome.com/docs/web-platform/page-lifecycle-api). `onShow`: the page is visible again.
 */
export function listenForHide(onHide: (leaving: Leaving) => void, onShow?: () => void): void {
  // capture: before the page's own listeners can stop it
  addEventListener('pagehide', (event) => onHide(event.persisted ? 'cached' : true), true);
  const onVisibilityChange = () => {
    if (document.hidden) onHide(false);
    else onShow?.();
  };
  document.addEventListener('visibilitychange', onVisibilityChange, true);
}

/** While offline, how often navigator.onLine is read again. */
export const ONLINE_RECHECK_MS = 3000;

/**
 * Calls `onOnline` when the browser regains a network connection. The `online` event alone can be missed (a frozen or
 * discarded tab, flaky OS signals, Firefox's network emulation flipping navigator.onLine back without it), which would
 * strand queued events: so while offline, navigator.onLine is read again every few seconds and whenever the page
 * becomes visible, gets focus or is restored from the back/forward cache.
 */
export function listenForOnline(onOnline: () => void, recheckMs = ONLINE_RECHECK_MS): void {
  let offline = !isOnline();
  let timer: ReturnType<typeof setInterval> | undefined;
  const back = () => {
    offline = false;
    clearInterval(timer);
    timer = undefined;
    onOnline();
  };
  const recheck = () => {
    if (offline && isOnline()) back();
  };
  const wentOffline = () => {
    offline = true;
    timer ??= setInterval(recheck, recheckMs);
  };
  if (offline) wentOffline();
  addEventListener('online', back);
  addEventListener('offline', wentOffline);
  addEventListener('focus', recheck);
  addEventListener('pageshow', recheck);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) recheck();
  });
  // A dispatcher that finds the browser offline says so, in case the `offline` event was missed too.
  offlineWatchers.add(wentOffline);
}

/** The online watchers of this page's instances: told when a send round finds navigator.onLine false. */
const offlineWatchers = new Set<() => void>();

/** Whether the browser thinks it is online; true when it cannot tell. A `false` starts the online re-checks. */
export function isOnline(): boolean {
  const online = globalThis.navigator?.onLine !== false;
  if (!online) offlineWatchers.forEach((watcher) => watcher());
  return online;
}
