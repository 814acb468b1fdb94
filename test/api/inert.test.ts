// SSR: load() in Node (no window, no document) resolves to an inert instance: every call does nothing and nothing throws
// (before, createAnalytics reached addEventListener), with one console warning saying tally runs in the browser.
import { describe, expect, it, vi } from 'vitest';
import { load } from '../../src/index';

describe('load() on a server', () => {
  it('resolves to an instance whose calls do nothing, said once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const analytics = await load('SSR-KEY', { flushAt: 5 });
    expect(await analytics.track('Signed Up', { plan: 'pro' })).toBeUndefined();
    expect(await analytics.identify('user-1')).toBeUndefined();
    expect(await analytics.page()).toBeUndefined();
    await analytics.flush();
    await analytics.ready();
    expect(analytics.on('track', () => {}).debug(true)).toBe(analytics);
    expect(analytics.stats()).toEqual({});
    expect(analytics.user().id()).toBeNull();
    expect(analytics.config.flushAt).toBe(5);
    await load('SSR-KEY-2');
    expect(warn.mock.calls.map((call) => call.join(' '))).toEqual([expect.stringMatching(/tally runs in the browser/)]);
  });
});
