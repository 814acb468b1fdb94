// A stopwatch of engaged time: runs while the page is visible and focused, pauses otherwise; pure (the clock is given).

/** Time counted while running; `run(on)` starts or pauses it, `reset()` starts a new count in the same state. */
export interface Stopwatch {
  run(on: boolean): void;
  elapsed(): number;
  reset(): void;
}

/**
 * Creates a paused stopwatch reading `now` (ms), `counted` ms already on it.
 * @example const watch = createStopwatch(Date.now); watch.run(true); watch.elapsed()
 */
export function createStopwatch(now: () => number, counted = 0): Stopwatch {
  let total = counted;
  let since: number | undefined; // when it started running; undefined while paused
  const elapsed = () => total + (since === undefined ? 0 : Math.max(0, now() - since));
  return {
    elapsed,
    run(on) {
      if (on && since === undefined) since = now();
      if (!on && since !== undefined) {
        total = elapsed();
        since = undefined;
      }
    },
    reset() {
      total = 0;
      if (since !== undefined) since = now();
    },
  };
}
