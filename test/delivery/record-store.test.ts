// @vitest-environment happy-dom
// IndexedDB's connection does not live on into the back/forward cache: closed on pagehide, opened again on next use.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openRecordStore } from '../../src/delivery/record-store';

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
});
