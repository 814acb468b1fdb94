// @vitest-environment happy-dom
// IndexedDB's connection does not live on into the back/forward cache: closed on pagehide, opened again on next use.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openRecordStore, READ_PAGE, SLICE_MS } from '../../src/delivery/record-store';

afterEach(() => vi.restoreAllMocks());

/** The records a queue holds in IndexedDB, read back through the store. */
async function read(queue: string): Promise<string[]> {
  let ids: string[] = [];
  await openRecordStore('indexeddb', queue).edit((records) => {
    ids = [...records.keys()];
    return new Map();
  });
  return ids;
}

describe('openRecordStore("indexeddb")', () => {
  it('closes its connection on pagehide, and the next operation opens a new one', async () => {
    const close = vi.spyOn(IDBDatabase.prototype, 'close');
    const store = openRecordStore('indexeddb', 'bfcache');
    await store.write(new Map([['m1', { n: 1 }]]));
    expect(close).not.toHaveBeenCalled();
    dispatchEvent(new Event('pagehide'));
    await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1));
    // A restored page writes on.
    await store.write(new Map([['m2', { n: 2 }]]));
    expect(await read('bfcache')).toEqual(['m1', 'm2']);
  });

  it('a write started as the connection closes still lands', async () => {
    const store = openRecordStore('indexeddb', 'closing');
    await store.write(new Map([['a', { n: 1 }]]));
    dispatchEvent(new Event('pagehide'));
    await store.write(
      new Map([
        ['a', null],
        ['b', { n: 2 }],
      ]),
    );
    expect(await read('closing')).toEqual(['b']);
  });

  it('hands a burst of writes over in transactions of a slice each, one after another, in order', async () => {
    dispatchEvent(new Event('pageshow')); // the tests above left the page hidden
    // Each put "takes" 1 ms by the clock the slices are timed with.
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock++);
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const ids = Array.from({ length: 100 }, (_, i) => `m${String(i).padStart(3, '0')}`);
    await openRecordStore('indexeddb', 'slices').write(new Map(ids.map((id, i) => [id, { i }])));
    expect(transactions.mock.calls.length).toBeGreaterThanOrEqual(100 / SLICE_MS);
    vi.restoreAllMocks();
    expect(await read('slices')).toEqual(ids);
  });

  it('reads a large queue in pages, each in a task of its own, and hands over every record in key order', async () => {
    dispatchEvent(new Event('pageshow'));
    const ids = Array.from({ length: READ_PAGE * 2 + 50 }, (_, i) => `m${String(i).padStart(4, '0')}`);
    await openRecordStore('indexeddb', 'pages').write(new Map(ids.map((id, i) => [id, { i }])));
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    expect(await read('pages')).toEqual(ids);
    expect(getAll).toHaveBeenCalledTimes(3);
  });

  it('from pagehide on, a write is not sliced: the page may not get another task', async () => {
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock++);
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    dispatchEvent(new Event('pagehide'));
    const ids = Array.from({ length: 100 }, (_, i) => `h${String(i).padStart(3, '0')}`);
    await openRecordStore('indexeddb', 'hiding').write(new Map(ids.map((id, i) => [id, { i }])));
    expect(transactions).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
    expect(await read('hiding')).toEqual(ids);
  });

  it('a sliced write is not overtaken by the next one: its deletes land after its puts', async () => {
    dispatchEvent(new Event('pageshow'));
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock++);
    const store = openRecordStore('indexeddb', 'overtaken');
    const ids = Array.from({ length: 100 }, (_, i) => `o${String(i).padStart(3, '0')}`);
    const puts = store.write(new Map(ids.map((id, i) => [id, { i }])));
    // One delete, one transaction of its own, started while the puts are still slicing: it must land after the put.
    const deletes = store.write(new Map([[ids[99], null]]));
    await Promise.all([puts, deletes]);
    vi.restoreAllMocks();
    expect(await read('overtaken')).toEqual(ids.slice(0, 99));
  });
});
