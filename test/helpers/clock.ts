// A fake clock for the `now` seams (buffer, dispatcher): time stands still until the test moves it.

/** A clock a test moves by hand; `now` may be passed on its own (`now: clock.now`). */
export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

/** A clock that starts at `start` (default: a fixed day in November 2023). */
export function createClock(start = 1_700_000_000_000): FakeClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
  };
}
