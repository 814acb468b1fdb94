// @vitest-environment happy-dom
// A queue per destination configuration: two page views of one site with different Customer.io settings each send their
// own events with their own settings, and a page view with new settings delivers what the old ones left with theirs.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnalytics } from '../../src/api/analytics';
import { describeConfiguration, fingerprint } from '../../src/delivery/configuration';
import { REGISTRY_KEY } from '../../src/delivery/configuration-registry';
import type { Options } from '../../src/config/config';
import { createBuffer } from '../../src/delivery/buffer';
import { createMemoryQueue } from '../../src/delivery/queue';
import { trackEvent } from '../helpers/events';
import { loadBundledPiece } from '../../src/pieces/bundled';

describe('describeConfiguration', () => {
  it('gives equal settings one key whatever their order, and other settings another', () => {
    const a = describeConfiguration('WK', 'Customer.io', { writeKey: 'A', apiHost: 'https://cdp.customer.io/v1' });
    const same = describeConfiguration('WK', 'Customer.io', { apiHost: 'https://cdp.customer.io/v1', writeKey: 'A' });
    const b = describeConfiguration('WK', 'Customer.io', { writeKey: 'B', apiHost: 'https://cdp.customer.io/v1' });
    expect(same.key).toBe(a.key);
    expect(b.key).not.toBe(a.key);
    expect(a.key.startsWith('WK Customer.io ')).toBe(true);
    expect(b.prefix).toBe(a.prefix);
  });

  it('never keeps a secret in the stored settings, yet tells two keys apart; a warning is not a setting', () => {
    const settings = { apiHost: 'https://track.customer.io', authorization: 'Basic c2l0ZTpzZWNyZXQ=', identifyBy: 'email' };
    const one = describeConfiguration('WK', 'Customer.io', { ...settings, keyWarning: 'customerio.apiKey is in the page' });
    const other = describeConfiguration('WK', 'Customer.io', { ...settings, authorization: 'Basic b3RoZXI6a2V5' });
    expect(one.stored).toEqual({ apiHost: 'https://track.customer.io', identifyBy: 'email' });
    expect(JSON.stringify(one)).not.toContain('c2l0ZTpzZWNyZXQ');
    expect(one.complete).toBe(false);
    expect(other.key).not.toBe(one.key);
    expect(describeConfiguration('WK', 'Customer.io', settings).key).toBe(one.key);
  });

  it('fingerprints are short and stable', () => {
    expect(fingerprint({ b: 1, a: [1, 'x'] })).toBe(fingerprint({ a: [1, 'x'], b: 1 }));
    expect(fingerprint('x')).toMatch(/^[0-9a-z]{1,7}$/);
  });
});

/** What the stubbed fetch saw: each Customer.io Pipelines event's messageId with the writeKey of its request. */
const sentWith = new Map<string, string[]>();

function stubFetch() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      if (String(url).startsWith('https://cdp.customer.io')) {
        const body = JSON.parse(String(init.body)) as { writeKey: string; batch: Array<{ messageId: string }> };
        for (const { messageId } of body.batch) sentWith.set(messageId, [...(sentWith.get(messageId) ?? []), body.writeKey]);
      }
      return new Response('{}', { status: 200 });
    }),
  );
}

/** A page view with Customer.io Pipelines under `cio`. */
const pageView = (cio: string, options: Options = {}) =>
  createAnalytics('WK', { customerio: { writeKey: cio }, flushInterval: 50, ...options }, { listen: false, pieces: loadBundledPiece });

/** Tracks an event with each of `ids` as its messageId. */
const track = (analytics: ReturnType<typeof pageView>, ids: string[]) =>
  ids.forEach((messageId) => void analytics.track('Two Settings', {}, { messageId }));

afterEach(() => {
  vi.unstubAllGlobals();
  sentWith.clear();
});

describe('a queue per configuration', () => {
  it('two page views with other Customer.io keys each send their own events with their own key', async () => {
    stubFetch();
    const [a, b] = [pageView('CIO-A'), pageView('CIO-B')];
    track(a, ['a1', 'a2']);
    track(b, ['b1', 'b2']);
    await Promise.all([a.flush(), b.flush()]);
    await vi.waitFor(() => expect(sentWith.size).toBe(4));
    expect(Object.fromEntries(sentWith)).toEqual({ a1: ['CIO-A'], a2: ['CIO-A'], b1: ['CIO-B'], b2: ['CIO-B'] });
  });

  it('a page view with new settings delivers what an old one left, with the old settings, and forgets the drained queue', async () => {
    // After its load-time flush, the old page view sends nothing more (its flush interval is long): it leaves its events stored.
    stubFetch();
    const old = pageView('CIO-OLD', { flushInterval: 3_600_000, flushAt: 100 });
    await old.flush();
    track(old, ['old1', 'old2']);
    await vi.waitFor(() => expect(localStorage.getItem(REGISTRY_KEY)).toContain('CIO-OLD'));
    await new Promise((resolve) => setTimeout(resolve, 20)); // its write-ahead commits at the end of the task
    const next = pageView('CIO-NEW');
    track(next, ['new1']);
    await next.flush();
    await vi.waitFor(() => expect(sentWith.size).toBe(3));
    expect(Object.fromEntries(sentWith)).toEqual({ old1: ['CIO-OLD'], old2: ['CIO-OLD'], new1: ['CIO-NEW'] });
    await vi.waitFor(() => expect(next.stats()['Customer.io']).toMatchObject({ sent: 3, queued: 0 }));
    await vi.waitFor(() => expect(localStorage.getItem(REGISTRY_KEY)).not.toContain('CIO-OLD'));
    expect(old.stats()['Customer.io']).toMatchObject({ sent: 0 });
  });

  it('never writes a Track API key to storage, not even in the registry of configurations', async () => {
    stubFetch();
    const withKey = createAnalytics(
      'WK',
      { customerio: { siteId: 'SITE', apiKey: 'SECRET-KEY' }, flushInterval: 50 },
      { listen: false, pieces: loadBundledPiece },
    );
    await withKey.flush();
    const registry = localStorage.getItem(REGISTRY_KEY) ?? '';
    // The option as given, once the customerio piece accepted it: the key only by its digest.
    expect(registry).toContain('"siteId":"SITE"');
    expect(registry).not.toContain('SECRET-KEY');
    expect(registry).not.toContain(btoa('SITE:SECRET-KEY'));
    expect(JSON.stringify({ ...localStorage })).not.toContain('SECRET-KEY');
  });

  it('the first page view of this version drains what an older one left under `<writeKey> <destination>`', async () => {
    localStorage.clear(); // no registry yet: an upgrade
    const older = createBuffer({
      inner: createMemoryQueue(),
      key: 'WK-OLDER Customer.io',
      storage: 'indexeddb',
      maxEvents: 100,
      maxBytes: 1e6,
      maxAgeMs: 1e9,
      owner: 'older-version',
      onDrop: () => undefined,
      onFallback: () => undefined,
    });
    older.push(trackEvent({ messageId: 'left-by-older' }));
    await older.take(0, Date.now()); // commits the write-ahead
    stubFetch();
    const upgraded = createAnalytics(
      'WK-OLDER',
      { customerio: { writeKey: 'CIO-NOW' }, flushInterval: 50 },
      { listen: false, pieces: loadBundledPiece },
    );
    await upgraded.flush();
    await vi.waitFor(() => expect(Object.fromEntries(sentWith)).toEqual({ 'left-by-older': ['CIO-NOW'] }));
  });
});
