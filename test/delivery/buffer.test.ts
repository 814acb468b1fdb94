// The durable buffer against fake-indexeddb: write-ahead, coalescing, restart, leases between tabs, bounds and the fallback chain.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LEASE_MS,
  TAKE_SLICE,
  UNLOAD_LEASE_MS,
  createBuffer,
  sortOut,
  type BufferOptions,
  type StoredItem,
} from '../../src/delivery/buffer';
import { createMemoryQueue } from '../../src/delivery/queue';
import type { TallyEvent } from '../../src/event/types';
import { createClock } from '../helpers/clock';
import { trackEvent } from '../helpers/events';

const DAY = 86_400_000;
let key = 0;
const clock = createClock();

const event = (n: number): TallyEvent =>
  trackEvent({ event: `E${n}`, messageId: `m${String(n).padStart(4, '0')}`, timestamp: new Date(clock.now()).toISOString() });

function buffer(overrides: Partial<BufferOptions> = {}, create = createBuffer) {
  const drops: Record<string, number> = {};
  const fallbacks: string[] = [];
  const made = create({
    inner: createMemoryQueue(),
    key: `k${key}`,
    storage: 'indexeddb',
    maxEvents: 10_000,
    maxBytes: 10 * 1024 * 1024,
    maxAgeMs: 7 * DAY,
    owner: `tab-${Math.random()}`,
    onDrop(reason, count) {
      drops[reason] = (drops[reason] ?? 0) + count;
    },
    onFallback: (kind) => fallbacks.push(kind),
    now: clock.now,
    ...overrides,
  });
  return Object.assign(made, { drops, fallbacks });
}

/** Raw records of the current key in IndexedDB. */
async function stored(): Promise<StoredItem[]> {
  const { createStore, entries } = await import('idb-keyval');
  const all = await entries(createStore('tally', 'buffer'));
  return all.filter(([k]) => (k as string[])[0] === `k${key}`).map(([, value]) => value as StoredItem);
}

const ids = (items: { event: TallyEvent }[]) => items.map((item) => item.event.messageId);

beforeEach(() => {
  key++;
  clock.advance(DAY);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('write-ahead and restart', () => {
  it('writes pushed events before they can be taken, and a later page view sends them with their original event', async () => {
    const first = buffer();
    const events = [0, 1, 2, 3, 4].map(event);
    events.forEach(first.push);
    const taken = await first.take(100, clock.now());
    expect(taken.map((item) => item.event)).toEqual(events);
    expect((await stored()).map((item) => item.event)).toEqual(events);

    // The page dies with the events leased; a new page view adopts them once the lease expires.
    const second = buffer();
    expect(await second.take(100, clock.now())).toEqual([]);
    expect(second.nextReadyAt()).toBe(clock.now() + LEASE_MS);
    clock.advance(LEASE_MS + 1);
    const again = await second.take(100, clock.now());
    expect(again.map((item) => item.event)).toEqual(events);
    await second.ack(ids(again));
    await second.take(1, clock.now()); // commits the deletions
    expect(await stored()).toEqual([]);
  });

  it('coalesces a burst of pushes into one transaction', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const b = buffer();
    await b.take(0, clock.now()); // opened
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    // The clock stands still, so the write is not sliced (record-store's SLICE_MS): the count shows coalescing alone.
    vi.spyOn(performance, 'now').mockReturnValue(0);
    for (let i = 0; i < 200; i++) b.push(event(i));
    expect(spy).not.toHaveBeenCalled(); // nothing on the caller's stack
    await vi.advanceTimersByTimeAsync(50);
    await vi.waitFor(async () => expect((await stored()).length).toBe(200));
    expect(spy.mock.calls.length).toBeLessThanOrEqual(2); // one write (+ the test's own read is not through the spy's db)
  });

  it('leases a large take in slices of TAKE_SLICE, one transaction each, in the queue order', async () => {
    const b = buffer();
    const count = TAKE_SLICE * 2 + 10;
    for (let i = 0; i < count; i++) b.push(event(i));
    await b.take(0, clock.now()); // written ahead
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const taken = await b.take(count + 5, clock.now());
    expect(ids(taken)).toEqual(Array.from({ length: count }, (_, i) => event(i).messageId));
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(3); // three slices (and any write the take commits first)
    // Every one leased in storage: another page view keeps off them.
    expect((await stored()).filter((item) => item.lease).length).toBe(count);
  });

  it('keeps attempts and notBefore across page views', async () => {
    const first = buffer();
    first.push(event(1));
    const [item] = await first.take(10, clock.now());
    await first.release([item.event.messageId], clock.now() + 5000, true);
    await first.take(0, clock.now()); // commit
    const second = buffer();
    expect(await second.take(10, clock.now())).toEqual([]);
    expect(second.nextReadyAt()).toBe(clock.now() + 5000);
    const [later] = await second.take(10, clock.now() + 5000);
    expect(later.attempts).toBe(1);
  });
});

describe('one transaction per take()', () => {
  it('reads storage and leases what it takes in a single IndexedDB transaction', async () => {
    const b = buffer();
    await b.take(0, clock.now()); // opened
    b.push(event(1));
    await b.take(0, clock.now()); // the push committed
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    expect(ids(await b.take(10, clock.now()))).toEqual([event(1).messageId]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect((await stored())[0].lease?.[0]).toBeDefined();
    spy.mockRestore();
  });

  it('keeps an event JSON cannot carry in IndexedDB for the dispatcher to drop, without falling back', async () => {
    const b = buffer();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    b.push({ ...event(1), properties: cyclic });
    b.push(event(2));
    expect(ids(await b.take(10, clock.now()))).toEqual([event(1).messageId, event(2).messageId]);
    expect(b.fallbacks).toEqual([]);
    expect(b.drops).toEqual({});
  });
});

describe('leases between tabs', () => {
  it('never hands one event to two tabs', async () => {
    const a = buffer();
    const b = buffer();
    for (let i = 0; i < 10; i++) (i % 2 ? a : b).push(event(i));
    const [fromA, fromB] = await Promise.all([a.take(100, clock.now()), b.take(100, clock.now())]);
    const all = [...ids(fromA), ...ids(fromB)];
    expect(all.length).toBe(10);
    expect(new Set(all).size).toBe(10);
  });

  it('a released event can be taken by another tab; an acked one is forgotten by all', async () => {
    const a = buffer();
    const b = buffer();
    a.push(event(1));
    a.push(event(2));
    const taken = await a.take(10, clock.now());
    await a.ack([taken[0].event.messageId]);
    await a.release([taken[1].event.messageId], 0, true);
    await a.take(0, clock.now());
    const fromB = await b.take(10, clock.now());
    expect(ids(fromB)).toEqual([event(2).messageId]);
    expect(fromB[0].attempts).toBe(1);
    expect(await a.take(10, clock.now())).toEqual([]);
    expect(a.size()).toBe(0);
  });

  it('hiding leases what keepalive carries for a short while only', async () => {
    const a = buffer();
    a.push(event(1));
    await a.take(10, clock.now());
    a.hide();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const b = buffer();
    clock.advance(UNLOAD_LEASE_MS - 1);
    expect(await b.take(10, clock.now())).toEqual([]);
    clock.advance(2);
    expect(ids(await b.take(10, clock.now()))).toEqual([event(1).messageId]);
  });

  it('while hiding, take() answers from memory without waiting for storage', async () => {
    const a = buffer();
    await a.take(0, clock.now()); // opened
    a.push(event(1));
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    a.hide(); // commits the write (one transaction)
    expect(ids(await a.take(10, clock.now()))).toEqual([event(1).messageId]);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
  });
});

describe('bounds', () => {
  it('evicts the oldest past maxEvents and counts them', async () => {
    const b = buffer({ maxEvents: 3, maxBytes: 1e9, maxAgeMs: DAY });
    for (let i = 0; i < 5; i++) {
      clock.advance(1);
      b.push(event(i));
    }
    const taken = await b.take(100, clock.now());
    expect(ids(taken)).toEqual(ids([2, 3, 4].map((n) => ({ event: event(n) }))));
    expect(b.drops).toEqual({ 'buffer full': 2 });
    expect((await stored()).length).toBe(3);
  });

  it('drops events older than maxAge', async () => {
    const b = buffer({ maxEvents: 100, maxBytes: 1e9, maxAgeMs: DAY });
    b.push(event(1));
    clock.advance(DAY + 1);
    b.push(event(2));
    expect(ids(await b.take(100, clock.now()))).toEqual([event(2).messageId]);
    expect(b.drops).toEqual({ 'too old': 1 });
  });

  it('sortOut caps bytes, newest kept, and keeps the order of the rest', () => {
    const item = (n: number, at: number): [string, StoredItem] => [`m${n}`, { event: event(n), attempts: 0, notBefore: 0, at }];
    const size = JSON.stringify(event(1)).length;
    const capped = sortOut(new Map([item(1, 1), item(2, 2), item(3, 3)]), { maxEvents: 10, maxBytes: size * 2, maxAgeMs: 100 }, 10);
    expect(capped).toEqual({ valid: [item(2, 2), item(3, 3)], drops: new Map([['m1', 'buffer full']]) });
    const aged = sortOut(new Map([item(1, 1), item(2, 50)]), { maxEvents: 10, maxBytes: 1e6, maxAgeMs: 20 }, 30);
    expect(aged.drops).toEqual(new Map([['m1', 'too old']]));
  });

  it('sortOut tells corrupted records apart', () => {
    const good: StoredItem = { event: event(1), attempts: 0, notBefore: 0, at: 1 };
    const records = new Map<string, unknown>([
      ['a', good],
      ['b', { ...good, attempts: '1' }],
      ['c', { at: 1, attempts: 0, notBefore: 0, event: {} }],
      ['d', null],
    ]);
    const { valid, drops } = sortOut(records, { maxEvents: 10, maxBytes: 1e6, maxAgeMs: 100 }, 10);
    expect(valid).toEqual([['a', good]]);
    expect([...drops]).toEqual([
      ['b', 'corrupted'],
      ['c', 'corrupted'],
      ['d', 'corrupted'],
    ]);
  });

  it('drops a corrupted record and keeps going', async () => {
    const { createStore, set } = await import('idb-keyval');
    await set([`k${key}`, 'bad'], { nonsense: true }, createStore('tally', 'buffer'));
    const b = buffer();
    b.push(event(1));
    expect(ids(await b.take(10, clock.now()))).toEqual([event(1).messageId]);
    expect(b.drops).toEqual({ corrupted: 1 });
  });
});

describe('fallback chain', () => {
  it('uses localStorage when IndexedDB is missing, then memory when localStorage throws', async () => {
    const saved = globalThis.indexedDB;
    const values = new Map<string, string>();
    let full = false;
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => values.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (full) throw new DOMException('full', 'QuotaExceededError');
        values.set(k, v);
      },
    });
    // @ts-expect-error: a browser without IndexedDB
    delete globalThis.indexedDB;
    vi.resetModules();
    const fresh = await import('../../src/delivery/buffer');
    try {
      const b = buffer({}, fresh.createBuffer);
      b.push(event(1));
      expect(ids(await b.take(10, clock.now()))).toEqual([event(1).messageId]);
      expect(b.fallbacks).toEqual(['localstorage']);
      expect(Object.keys(JSON.parse(values.get(`tally.buffer.k${key}`)!))).toEqual([event(1).messageId]);
      full = true;
      b.push(event(2));
      await b.release([event(1).messageId], 0, true);
      expect(ids(await b.take(10, clock.now()))).toEqual([event(1).messageId, event(2).messageId]);
      expect(b.fallbacks).toEqual(['localstorage', 'memory']);
    } finally {
      globalThis.indexedDB = saved;
      vi.unstubAllGlobals();
    }
  });

  it('caps localStorage at its own smaller size', async () => {
    const values = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => values.get(k) ?? null, setItem: (k: string, v: string) => values.set(k, v) });
    try {
      const b = buffer({ storage: 'localstorage' });
      const big = (n: number): TallyEvent => ({ ...event(n), properties: { pad: 'x'.repeat(300 * 1024) } });
      for (let i = 0; i < 5; i++) {
        clock.advance(1);
        b.push(big(i));
      }
      expect((await b.take(10, clock.now())).length).toBe(3);
      expect(b.drops).toEqual({ 'buffer full': 2 });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('a storage failing mid-take', () => {
  it('hands each event out once when the read-and-lease step moves down the chain', async () => {
    // localStorage refuses the write that leases (as it refuses an event it cannot serialise): take()'s read-and-lease runs again in memory.
    const values = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (name: string) => values.get(name) ?? null,
      setItem: (name: string, value: string) => {
        if (value.includes('"lease"')) throw new TypeError('cannot store');
        values.set(name, value);
      },
    });
    try {
      const b = buffer({ storage: 'localstorage' });
      b.push(event(1));
      b.push(event(2));
      expect(ids(await b.take(10, clock.now()))).toEqual([event(1).messageId, event(2).messageId]);
      expect(b.fallbacks).toEqual(['memory']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('a write in flight during take()', () => {
  beforeEach(() => void key++);

  it('is not mistaken for an event another tab delivered: events keep their order', async () => {
    const b = buffer();
    b.push(event(1));
    const first = b.take(10, clock.now());
    // Pushed while take() reads storage: its write is handed over but not yet confirmed when take() reconciles.
    await new Promise((resolve) => setTimeout(resolve, 0));
    b.push(event(2));
    const taken = ids(await first);
    b.push(event(3));
    for (let i = 0; i < 3 && taken.length < 3; i++) taken.push(...ids(await b.take(10, clock.now())));
    expect(taken).toEqual(['m0001', 'm0002', 'm0003']);
  });
});
