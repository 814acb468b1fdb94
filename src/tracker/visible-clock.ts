// Touches document: how long the page has been visible in this page view; time in a hidden tab does not count.

/** A page-visible stopwatch: `elapsed()` in ms, `reset()` for a new page view; it pauses while the tab is hidden. */
export interface VisibleClock {
  elapsed(): number;
  reset(): void;
}

/** Whether the tab is shown now (a hidden or prerendered tab is not). */
export const isPageVisible = () => document.visibilityState === 'visible';

/**
 * Starts a clock of visible time; `onVisibility` is called after it pauses or resumes on a visibilitychange. Date.now,
 * not performance.now: the two agree here, and tests fake Date.
 */
export function createVisibleClock(onVisibility: () => void): VisibleClock {
  let total = 0;
  let since = isPageVisible() ? Date.now() : undefined;
  document.addEventListener('visibilitychange', () => {
    if (since !== undefined) total += Date.now() - since;
    since = isPageVisible() ? Date.now() : undefined;
    onVisibility();
  });
  return {
    elapsed: () => total + (since === undefined ? 0 : Date.now() - since),
    reset() {
      total = 0;
      since = isPageVisible() ? Date.now() : undefined;
    },
  };
}
