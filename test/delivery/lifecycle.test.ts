// @vitest-environment happy-dom
// A missed `online` event must not strand events: while offline, navigator.onLine is read again on a timer and when the
// page becomes visible, gets focus or is restored; the `online` event still counts at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ONLINE_RECHECK_MS, isOnline, listenForOnline } from '../../src/delivery/lifecycle';

let online = true;
beforeEach(() => {
  online = true;
  vi.useFakeTimers();
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
});
afterEach(() => vi.useRealTimers());

describe('listenForOnline', () => {
  it('notices the network is back within one re-check when the online event never fires', () => {
    const onOnline = vi.fn();
    listenForOnline(onOnline);
    online = false;
    expect(isOnline()).toBe(false); // a send round finds the browser offline (no offline event either)
    online = true; // back, silently
    vi.advanceTimersByTime(ONLINE_RECHECK_MS - 1);
    expect(onOnline).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onOnline).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(ONLINE_RECHECK_MS * 5);
    expect(onOnline).toHaveBeenCalledTimes(1); // no timer once online
  });

  it('re-checks on focus, pageshow and becoming visible, only while offline', () => {
    const onOnline = vi.fn();
    listenForOnline(onOnline, 60_000);
    dispatchEvent(new Event('focus'));
    expect(onOnline).not.toHaveBeenCalled(); // online all along: nothing to do
    online = false;
    dispatchEvent(new Event('offline'));
    online = true;
    dispatchEvent(new Event('pageshow'));
    expect(onOnline).toHaveBeenCalledTimes(1);
    online = false;
    dispatchEvent(new Event('offline'));
    online = true;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(onOnline).toHaveBeenCalledTimes(2);
  });

  it('still answers the online event at once', () => {
    const onOnline = vi.fn();
    listenForOnline(onOnline);
    dispatchEvent(new Event('online'));
    expect(onOnline).toHaveBeenCalledTimes(1);
  });
});

describe('listenForHide', () => {
  it('says whether the page is leaving (pagehide) or only hidden, and when it is shown again', async () => {
    const { listenForHide } = await import('../../src/delivery/lifecycle');
    const calls: string[] = [];
    listenForHide(
      (leaving) => calls.push(leaving ? 'leaving' : 'hidden'),
      () => calls.push('shown'),
    );
    let state: DocumentVisibilityState = 'hidden';
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    dispatchEvent(new Event('pagehide'));
    state = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(calls).toEqual(['hidden', 'leaving', 'shown']);
  });
});

describe('listenForHide and the back/forward cache', () => {
  it("says 'cached' for a pagehide into the back/forward cache (event.persisted), true for an unload", async () => {
    const { listenForHide } = await import('../../src/delivery/lifecycle');
    const calls: unknown[] = [];
    listenForHide((leaving) => calls.push(leaving));
    dispatchEvent(Object.assign(new Event('pagehide'), { persisted: true }));
    dispatchEvent(Object.assign(new Event('pagehide'), { persisted: false }));
    expect(calls.slice(-2)).toEqual(['cached', true]);
  });
});
