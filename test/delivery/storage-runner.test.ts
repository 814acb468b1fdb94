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
