// @vitest-environment happy-dom
// The storage chain: a storage that fails, or does not answer within STORAGE_TIMEOUT_MS (WebKit's IndexedDB could stall
// after a quick navigation), hands over to the next one, seeded with what this page view holds.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_TIMEOUT_MS, createStorageRunner } from '../../src/delivery/storage-runner';
import type { RecordStore, StorageKind } from '../../src/delivery/record-store';

afterEach(() => vi.useRealTimers());

describe('createStorageRunner', () => {
  it('moves to localStorage when IndexedDB does not answer in time, seeded with the snapshot, and says so once', async () => {
    vi.useFakeTimers();
    const fallbacks: Array<[StorageKind, string]> = [];
    const runner = createStorageRunner({
      key: 'stall',
      storage: 'indexeddb',
      snapshot: () => new Map([['m1', { kept: true }]]),
      onFallback: (kind, error) => fallbacks.push([kind, (error as Error).message]),
    });
    const stores: string[] = [];
    const done = runner.run((store: RecordStore) => {
      stores.push(runner.kind());
      // IndexedDB never answers; localStorage does.
      return runner.kind() === 'indexeddb' ? new Promise<void>(() => undefined) : store.write(new Map([['m2', { n: 2 }]]));
    });
    await vi.advanceTimersByTimeAsync(STORAGE_TIMEOUT_MS - 1);
    expect(fallbacks).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(stores).toEqual(['indexeddb', 'localstorage']);
    expect(fallbacks).toEqual([['localstorage', `indexeddb did not answer within ${STORAGE_TIMEOUT_MS} ms`]]);
    expect(JSON.parse(localStorage.getItem('tally.buffer.stall') ?? '{}')).toEqual({ m1: { kept: true }, m2: { n: 2 } });
  });

  it('an operation that answers in time stays on IndexedDB', async () => {
    const runner = createStorageRunner({ key: 'fine', storage: 'indexeddb', snapshot: () => new Map(), onFallback: () => undefined });
    await runner.run((store) => store.write(new Map([['m1', { n: 1 }]])));
    expect(runner.kind()).toBe('indexeddb');
  });
});

describe('a timed-out edit', () => {
  it('changes nothing when its callback runs late, after the buffer moved on', async () => {
    // IndexedDB's reading answers only when the test says so (after the timeout), as a stalled WebKit did.
    let release: (() => void) | undefined;
    const realGetAll = IDBObjectStore.prototype.getAll;
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = realGetAll.apply(this, args);
      return {
        get result() {
          return request.result;
        },
        set onsuccess(handler: (event: Event) => void) {
          request.onsuccess = (event) => {
            release = () => handler.call(request, event);
          };
        },
      } as unknown as IDBRequest<unknown[]>;
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const runner = createStorageRunner({ key: 'late', storage: 'indexeddb', snapshot: () => new Map(), onFallback: () => undefined });
    const changed: string[] = [];
    const done = runner.run((store) =>
      store.edit(() => {
        changed.push(runner.kind());
        return new Map();
      }),
    );
    await vi.advanceTimersByTimeAsync(STORAGE_TIMEOUT_MS);
    await done;
    expect(changed).toEqual(['localstorage']);
    await vi.waitFor(() => expect(release).toBeDefined());
    try {
      release?.(); // IndexedDB answers at last
    } catch {
      // its transaction is over by now: nothing may be written to it
    }
    expect(changed).toEqual(['localstorage']);
  });
});
