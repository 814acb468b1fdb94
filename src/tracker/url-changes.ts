// Touches window, history and location: single-page-app route changes, counted only when the URL really changed.

/**
 * Calls `onChange` after pushState, replaceState, popstate or hashchange, once per new `location.href`: a router
 * that calls replaceState then pushState (Vue Router), or a popstate with its hashchange, counts once.
 */
export function listenForUrlChanges(onChange: () => void): void {
  let last = location.href;
  const check = () => {
    const href = location.href;
    if (href === last) return;
    last = href;
    onChange();
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      check();
    };
  }
  for (const type of ['popstate', 'hashchange']) addEventListener(type, check);
}
