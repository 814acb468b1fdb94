// @vitest-environment happy-dom
// The ESM entry: load() returns one instance per write key and sets window.analytics (or the `global` it is given),
// never replacing what the page already has there.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { load } from '../src/index';

const global = window as unknown as Record<string, unknown>;
afterEach(() => {
  delete global.analytics;
  delete global.tally;
});

describe('load()', () => {
  it('sets window.analytics by default, once per write key', async () => {
    const analytics = await load('ESM-1', { flushInterval: 60_000 });
    expect(global.analytics).toBe(analytics);
    expect(await load('ESM-1')).toBe(analytics);
  });

  it('uses another global, or none with global: false', async () => {
    const named = await load('ESM-2', { global: 'tally' });
    expect(global.tally).toBe(named);
    expect(global.analytics).toBeUndefined();
    await load('ESM-3', { global: false });
    expect(global.analytics).toBeUndefined();
  });

  it('never replaces what the page already has there, and says so once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const theirs = { mine: true };
    global.analytics = theirs;
    await load('ESM-4');
    expect(global.analytics).toBe(theirs);
    // (This Node environment has no IndexedDB: the storage notice is the other warning.)
    const about = warn.mock.calls.map((call) => String(call[1])).filter((text) => text.includes('window.analytics'));
    expect(about).toEqual(['window.analytics is already set: load() left it as it is (option global)']);
  });
});
