// The engaged-time stopwatch: counts only while running, keeps what it counted across pauses, restarts on reset.
import { describe, expect, it } from 'vitest';
import { createStopwatch } from '../../src/pageleave/stopwatch';

describe('createStopwatch', () => {
  it('counts running time only, across pauses; reset starts again in the same state', () => {
    let now = 1000;
    const watch = createStopwatch(() => now, 50);
    now += 100; // paused: not counted
    watch.run(true);
    now += 300;
    watch.run(true); // already running: no restart
    expect(watch.elapsed()).toBe(350);
    watch.run(false);
    now += 5000; // hidden
    watch.run(true);
    now += 200;
    expect(watch.elapsed()).toBe(550);
    watch.reset();
    now += 40;
    expect(watch.elapsed()).toBe(40);
    watch.run(false);
    watch.reset();
    now += 40;
    expect(watch.elapsed()).toBe(0);
  });
});
