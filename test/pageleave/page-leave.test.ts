// @vitest-environment happy-dom
// Page Left accounting: one per view (pagehide, route change, back/forward cache), engaged time paused while hidden or
// unfocused, the deepest scroll, and the deferred copy (fetchLater) re-armed with the same messageId and withdrawn at the end.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPageLeave, ENGAGED_REARM_MS, PAGE_LEFT, REARM_MS } from '../../src/pageleave/page-leave';
import type { PieceContext } from '../../src/pieces/contract';
import type { Deferred } from '../../src/delivery/transport';

let visible = true;
let focused = true;
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (visible ? 'visible' : 'hidden') });
document.hasFocus = () => focused;

/** A context whose track and trackLater are recorded; `deferred` are the copies trackLater handed out. */
function fakeContext(withFetchLater = true) {
  const tracked: { properties: Record<string, unknown>; messageId: string }[] = [];
  const deferred: (Deferred & { aborted: boolean; armed: Record<string, unknown>; messageId: string })[] = [];
  const unload = vi.fn();
  const context = {
    config: { pageviews: null },
    routes: [{ dispatcher: { unload } }],
    analytics: {
      track: vi.fn((_name: string, properties: Record<string, unknown>, options: { messageId: string }) => {
        tracked.push({ properties, messageId: options.messageId });
        return Promise.resolve();
      }),
    },
    trackLater: vi.fn(async (_name: string, properties: Record<string, unknown>, messageId: string) => {
      if (!withFetchLater) return [];
      const copy = {
        aborted: false,
        activated: false,
        armed: properties,
        messageId,
        abort() {
          copy.aborted = true;
        },
      };
      deferred.push(copy);
      return [copy];
    }),
  };
  return { context: context as unknown as PieceContext, tracked, deferred, unload, raw: context };
}

const fire = (type: string, init: Record<string, unknown> = {}) => dispatchEvent(Object.assign(new Event(type), init));
const setVisible = (value: boolean) => {
  visible = value;
  document.dispatchEvent(new Event('visibilitychange'));
};
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
  visible = true;
  focused = true;
  history.replaceState(null, '', '/article');
  document.title = 'Article';
});
afterEach(() => {
  // Ends this test's views, so the next test's pagehide finds them ended.
  fire('pagehide', { persisted: false });
  vi.useRealTimers();
});

describe('startPageLeave', () => {
  it('one Page Left at pagehide with engaged time (hidden and unfocused time left out) and the URL, title and path', async () => {
    const { context, tracked, unload, raw } = fakeContext();
    startPageLeave(context);
    await vi.advanceTimersByTimeAsync(1000);
    setVisible(false);
    await vi.advanceTimersByTimeAsync(5000); // hidden: not counted, and no Page Left
    expect(tracked).toEqual([]);
    setVisible(true); // shown again: the same view keeps counting
    await vi.advanceTimersByTimeAsync(500);
    focused = false;
    fire('blur');
    await vi.advanceTimersByTimeAsync(3000); // another window has focus
    focused = true;
    fire('focus');
    await vi.advanceTimersByTimeAsync(250);
    fire('pagehide', { persisted: false });
    fire('pagehide', { persisted: false }); // never two
    await flush();
    expect(tracked).toHaveLength(1);
    expect(raw.analytics.track.mock.calls[0][0]).toBe(PAGE_LEFT);
    expect(tracked[0].properties).toMatchObject({ engagedMs: 1750, path: '/article', title: 'Article' });
    expect(String(tracked[0].properties.url)).toMatch(/\/article$/);
    // Queued after the core's unload pass ran: a second pass sends it now.
    expect(unload).toHaveBeenCalledWith(true);
  });

  it('a route change ends the view (old URL), the next starts at 0; a hash change alone does not', async () => {
    const { context, tracked, unload } = fakeContext();
    startPageLeave(context);
    await vi.advanceTimersByTimeAsync(800);
    history.pushState(null, '', '/article#comments');
    history.pushState(null, '', '/pricing');
    document.title = 'Pricing';
    await vi.advanceTimersByTimeAsync(300);
    fire('pagehide', { persisted: false });
    await flush();
    expect(tracked.map((each) => [each.properties.path, each.properties.engagedMs, each.properties.title])).toEqual([
      ['/article', 800, 'Article'],
      ['/pricing', 300, 'Pricing'],
    ]);
    expect(tracked[0].messageId).not.toBe(tracked[1].messageId);
    expect(unload).toHaveBeenCalledTimes(1); // the route change's event goes with the next flush
  });

  it('entering the back/forward cache ends the view; a restore starts a new one with a new messageId', async () => {
    const { context, tracked, unload } = fakeContext();
    startPageLeave(context);
    await vi.advanceTimersByTimeAsync(400);
    fire('pagehide', { persisted: true });
    await vi.advanceTimersByTimeAsync(60_000); // in the cache
    fire('pageshow', { persisted: true });
    await vi.advanceTimersByTimeAsync(700);
    fire('pagehide', { persisted: false });
    await flush();
    expect(tracked.map((each) => each.properties.engagedMs)).toEqual([400, 700]);
    expect(new Set(tracked.map((each) => each.messageId)).size).toBe(2);
    expect(unload.mock.calls).toEqual([['cached'], [true]]);
  });

  it('the deepest scroll is kept, and re-arms the deferred copy (same messageId) at most once a second', async () => {
    Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, get: () => 4 * innerHeight });
    const { context, tracked, deferred } = fakeContext();
    startPageLeave(context);
    await flush();
    expect(deferred).toHaveLength(1); // armed at the start
    for (const y of [innerHeight, 2 * innerHeight, innerHeight]) {
      window.scrollY = y;
      fire('scroll');
    }
    await flush();
    expect(deferred).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(REARM_MS);
    expect(deferred).toHaveLength(2);
    expect(deferred[0].aborted).toBe(true);
    expect(deferred[1]).toMatchObject({ aborted: false, messageId: deferred[0].messageId });
    expect(deferred[1].armed.maxScrollPercent).toBe(75);
    // Hidden: the copy gets the final numbers (a discarded tab is reported with them).
    await vi.advanceTimersByTimeAsync(1000);
    setVisible(false);
    await flush();
    expect(deferred.at(-1)!.armed.engagedMs).toBe(REARM_MS + 1000);
    fire('pagehide', { persisted: false });
    await flush();
    // At the end the copy is withdrawn and the queue sends the event instead, with the same messageId.
    expect(deferred.every((copy) => copy.aborted)).toBe(true);
    expect(tracked).toHaveLength(1);
    expect(tracked[0].messageId).toBe(deferred[0].messageId);
    expect(tracked[0].properties.maxScrollPercent).toBe(75);
    window.scrollY = 0;
  });

  it('while engaged the deferred copy is re-armed with the grown numbers; hidden, it stops', async () => {
    const { context, deferred } = fakeContext();
    startPageLeave(context);
    await flush();
    await vi.advanceTimersByTimeAsync(ENGAGED_REARM_MS);
    expect(deferred.map((copy) => copy.armed.engagedMs)).toEqual([0, ENGAGED_REARM_MS]);
    setVisible(false);
    await vi.advanceTimersByTimeAsync(3 * ENGAGED_REARM_MS);
    expect(deferred.map((copy) => copy.armed.engagedMs)).toEqual([0, ENGAGED_REARM_MS, ENGAGED_REARM_MS]);
    expect(deferred.filter((copy) => !copy.aborted)).toHaveLength(1);
  });

  it('a deferred copy the browser already sent is the view’s report: nothing queued after it', async () => {
    const { context, tracked, deferred } = fakeContext();
    startPageLeave(context);
    setVisible(false);
    await flush();
    (deferred.at(-1) as { activated: boolean }).activated = true;
    fire('pagehide', { persisted: false });
    await flush();
    expect(tracked).toEqual([]);
  });

  it('without fetchLater, nothing is armed and the queue alone sends it', async () => {
    const { context, tracked, deferred } = fakeContext(false);
    startPageLeave(context);
    setVisible(false);
    fire('pagehide', { persisted: false });
    await flush();
    expect(deferred).toEqual([]);
    expect(tracked).toHaveLength(1);
  });
});
