// @vitest-environment happy-dom
// The durable buffer when the page is torn down before IndexedDB answers: the localStorage journal carries its last writes.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createBuffer, type StoredItem } from '../../src/delivery/buffer';
import { createMemoryQueue } from '../../src/delivery/queue';
import type { TallyEvent } from '../../src/event/types';
import { createClock } from '../helpers/clock';
import { trackEvent } from '../helpers/events';

let key = 0;
const clock = createClock();

const event = (n: number): TallyEvent => trackEvent({ event: `E${n}`, messageId: `u${n}`, timestamp: new Date(clock.now()).toISOString() });

function pageView(owner: string) {
  const limits = { maxEvents: 100, maxBytes: 1e6, maxAgeMs: 1e9 };
  return createBuffer({
    inner: createMemoryQueue(),
    key: `q${key}`,
    storage: 'indexeddb',
    ...limits,
    owner,
    onDrop: () => undefined,
    onFallback: () => undefined,
    now: clock.now,
  });
}

/** From now on IndexedDB transactions never run, as in a document being torn down (no callback of it runs again). */
function tearDown() {
  const transaction = { commit: () => undefined } as { commit(): void; objectStore?(): unknown };
  const store = { transaction, put: () => undefined, delete: () => undefined, getAll: () => ({}), getAllKeys: () => ({}) };
  transaction.objectStore = () => store;
  const real = IDBDatabase.prototype.transaction;
  return vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, names, mode) {
    return mode === 'versionchange' ? real.call(this, names, mode) : (transaction as unknown as IDBTransaction); // fake-indexeddb's own upgrade step
  });
}

const journals = () => Object.keys(localStorage).filter((name) => name.startsWith('tally.journal.'));
const ids = (items: { event: TallyEvent }[]) => items.map((item) => item.event.messageId);

beforeEach(() => {
  key++;
  localStorage.clear();
});
afterEach(() => vi.restoreAllMocks());

it('events tracked just before an unload that IndexedDB never completes reach the next page view', async () => {
  const dying = pageView('view-1');
  [1, 2, 3].map(event).forEach(dying.push);
  dying.hide(); // pagehide: then the document goes away before any IndexedDB callback
  tearDown();
  await new Promise((resolve) => setTimeout(resolve, 20));
  vi.restoreAllMocks();

  const next = pageView('view-2');
  expect(ids(await next.take(10, clock.now()))).toEqual(['u1', 'u2', 'u3']);
  expect(journals()).toEqual([]); // applied once, then removed
});

it('a page that hides and lives on removes its journal once IndexedDB has the writes', async () => {
  const view = pageView('view-1');
  view.push(event(1));
  view.hide();
  expect(journals()).toEqual([`tally.journal.q${key} view-1 0`]);
  await vi.waitFor(() => expect(journals()).toEqual([]));
  const next = pageView('view-2');
  expect(ids(await next.take(10, clock.now()))).toEqual(['u1']);
});

it('records a localStorage fallback left behind go back to IndexedDB with the next page view', async () => {
  const left: StoredItem = { event: event(7), attempts: 2, notBefore: 0, at: clock.now() };
  localStorage.setItem(`tally.buffer.q${key}`, JSON.stringify({ u7: left }));
  const view = pageView('view-1');
  const [taken] = await view.take(10, clock.now());
  expect(taken.event).toEqual(event(7));
  expect(taken.attempts).toBe(2);
  expect(localStorage.getItem(`tally.buffer.q${key}`)).toBeNull();
});

it('what the leaving page handed to keepalive is forgotten in storage: the next page view does not send it again', async () => {
  const leaving = pageView('view-1');
  [1, 2].map(event).forEach(leaving.push);
  const taken = await leaving.take(10, clock.now()); // in flight, leased in storage
  leaving.hide();
  leaving.handedOff!(ids(taken).slice(0, 1));
  // A later visibilitychange to hidden holds the leased ones again: not the one handed off.
  leaving.hide();
  tearDown();
  await new Promise((resolve) => setTimeout(resolve, 20));
  vi.restoreAllMocks();
  const next = pageView('view-2');
  // u2 stays leased by the old page view for a while (its keepalive may still deliver it), then comes back; u1 never does.
  clock.advance(60_000);
  expect(ids(await next.take(10, clock.now()))).toEqual(['u2']);
});

it('a retry answer that the page lives to read puts a handed-off event back in storage', async () => {
  const view = pageView('view-1');
  view.push(event(1));
  await view.take(10, clock.now());
  view.hide();
  view.handedOff!(['u1']);
  view.release(['u1'], 0, true); // the page was restored from the back/forward cache and read a 503
  view.show();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const next = pageView('view-2');
  expect(ids(await next.take(10, clock.now()))).toEqual(['u1']);
});

it('a stored copy of an event this page view saw delivered (a write that landed late) is deleted, never sent again', async () => {
  const { openRecordStore } = await import('../../src/delivery/record-store');
  const view = pageView('view-1');
  view.push(event(1));
  await view.take(10, clock.now());
  await view.ack(['u1']);
  await new Promise((resolve) => setTimeout(resolve, 20));
  // The record's write lands after the delete (WebKit froze the page mid-transaction in the back/forward cache).
  const store = openRecordStore('indexeddb', `q${key}`);
  await store.write(new Map([['u1', { event: event(1), attempts: 0, notBefore: 0, at: clock.now() }]]));
  expect(ids(await view.take(10, clock.now()))).toEqual([]);
  let left: string[] = [];
  await store.edit((records) => {
    left = [...records.keys()];
    return new Map();
  });
  expect(left).toEqual([]);
});

it('an answer read while the page is hidden is journaled at once: a tab torn down right after does not send it again', async () => {
  const hidden = pageView('view-1');
  hidden.push(event(1));
  await hidden.take(10, clock.now());
  hidden.hide(); // visibilitychange: Firefox fires it before pagehide when a tab closes
  await new Promise((resolve) => setTimeout(resolve, 20));
  tearDown(); // from here IndexedDB never answers: only the journal can carry the ack
  await hidden.ack(['u1']);
  vi.restoreAllMocks();
  const next = pageView('view-2');
  clock.advance(120_000); // past any lease
  expect(ids(await next.take(10, clock.now()))).toEqual([]);
});

it('while hidden, each answer journals only its own writes; the next page view applies the parts in order', async () => {
  const hidden = pageView('view-1');
  const pushed = Array.from({ length: 50 }, (_, i) => event(i));
  pushed.forEach(hidden.push);
  const taken = await hidden.take(50, clock.now());
  hidden.hide();
  tearDown(); // from here only the journal carries the writes
  const part = (n: number) => Object.keys(JSON.parse(localStorage.getItem(`tally.journal.q${key} view-1 ${n}`) ?? '{}'));
  const whole = part(0).length;
  expect(whole).toBeGreaterThan(0);
  await hidden.ack(ids(taken).slice(0, 10));
  expect(part(1)).toEqual(ids(taken).slice(0, 10)); // not a rewrite of everything unconfirmed
  vi.restoreAllMocks();
  const next = pageView('view-2');
  clock.advance(120_000); // past any lease
  expect(ids(await next.take(100, clock.now()))).toEqual(ids(taken).slice(10));
});

it('a page hidden again after being shown journals everything unconfirmed afresh', async () => {
  const view = pageView('view-1');
  view.push(event(1));
  view.hide();
  tearDown();
  view.show();
  view.push(event(2)); // committed while visible: not journaled then
  await new Promise((resolve) => setTimeout(resolve, 20));
  view.hide();
  vi.restoreAllMocks();
  const next = pageView('view-2');
  expect(ids(await next.take(10, clock.now()))).toEqual(['u1', 'u2']);
});

it('journals of two page views are applied oldest first, the parts of each in the order written', async () => {
  const { readLeftovers } = await import('../../src/delivery/record-store');
  const item = (n: number) => ({ event: event(n), attempts: 0, notBefore: 0, at: 0 });
  // Written in an order localStorage may not keep: the newer page view's delete must win over the older one's put.
  localStorage.setItem(`tally.journal.q${key} 01B 1`, JSON.stringify({ u1: null }));
  localStorage.setItem(`tally.journal.q${key} 01A 0`, JSON.stringify({ u1: item(1), u2: item(2) }));
  localStorage.setItem(`tally.journal.q${key} 01B 0`, JSON.stringify({ u1: item(1), u3: item(3) }));
  localStorage.setItem(`tally.journal.q${key} 01A 1`, JSON.stringify({ u2: null }));
  const { writes } = readLeftovers(`q${key}`);
  expect(Object.fromEntries([...writes].map(([id, value]) => [id, value === null ? null : 'put']))).toEqual({
    u1: null,
    u2: null,
    u3: 'put',
  });
});
