// Touches window and document: the page lifecycle signals delivery reacts to (hidden, unloading, back online).

/** Calls `onHide` when the page may be about to go away: `pagehide`, or `visibilitychange` to hidden (https://developer.chrome.com/docs/web-platform/page-lifecycle-api). */
export function listenForHide(onHide: () => void): void {
  addEventListener('pagehide', onHide, true); // capture: before the page's own listeners can stop it
  document.addEventListener('visibilitychange', () => document.hidden && onHide(), true);
}

/** Calls `onOnline` when the browser regains a network connection. */
export function listenForOnline(onOnline: () => void): void {
  addEventListener('online', onOnline);
}

/** Whether the browser thinks it is online; true when it cannot tell. */
export function isOnline(): boolean {
  return globalThis.navigator?.onLine !== false;
}
