// Measure 3: synchronous ms of N track() calls (performance.now() around the loop), and long tasks after it.

/**
 * Calls track() `count` times with small properties in one task; returns { syncMs, endEpochMs, endMs, heapBefore, heapAfter }
 * (performance.memory.usedJSHeapSize right before and right after the loop, in the same task).
 */
export function trackMany(page, count, name = 'Bench Event') {
  return page.evaluate(
    ({ count, name }) => {
      const track = window.__bench.track;
      const heapBefore = performance.memory ? performance.memory.usedJSHeapSize : null;
      const start = performance.now();
      for (let i = 0; i < count; i++) track(name, { i, plan: 'pro', price: 9.99, tags: ['a', 'b'] });
      const end = performance.now();
      const heapAfter = performance.memory ? performance.memory.usedJSHeapSize : null;
      return { syncMs: end - start, endMs: end, endEpochMs: performance.timeOrigin + end, heapBefore, heapAfter };
    },
    { count, name },
  );
}

/** The longest task (PerformanceObserver 'longtask', > 50 ms) that started after `afterMs`; 0 when none. */
export function longestTaskAfter(page, afterMs) {
  return page.evaluate(
    (after) => Math.max(0, ...window.__bench.longtasks.filter(([start]) => start > after).map(([, duration]) => duration)),
    afterMs,
  );
}
