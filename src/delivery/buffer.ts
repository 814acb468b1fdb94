// The durable buffer: a Queue that wraps the in-memory one, writes each event ahead to storage, and shares it between the site's tabs.
import { readLeftovers, type StorageKind } from './record-store';
import { createStorageRunner, type StorageRunner } from './storage-runner';
import { createWriteAhead } from './write-ahead';
import { createLeases } from './leases';
import { createHoldings } from './holdings';
import { sortOut, type BufferLimits, type StoredItem } from './sort-out';
import type { MemoryQueue, Queue, QueueItem } from './queue';

export { sortOut, type BufferLimits, type StoredItem };
export { COMMIT_DELAY_MS } from './write-ahead';
export { LEASE_MS, LOCAL_STORAGE_MAX_BYTES, UNLOAD_LEASE_MS } from './leases';

/** What a buffer needs: its bounds and storage (the `buffer` config), and the rest; `now` is a seam for tests. */
export interface BufferOptions extends BufferLimits {
  inner: MemoryQueue;
  /** Names this queue in storage: writeKey and destination. */
  key: string;
  storage: StorageKind;
  /** This page view's id, the owner of its leases. */
  owner: string;
  /** Told of events the buffer drops (evicted, too old, corrupted), with how many. */
  onDrop(reason: string, count: number): void;
  /** Told when a storage fails and the next one in the chain takes over. */
  onFallback(kind: StorageKind, error: unknown): void;
  /** Open storage at creation (default true); false until consent allows storing: it then opens on the first take(). */
  openAtStart?: boolean;
  now?: () => number;
}

/** A durable Queue. */
export interface Buffer extends Queue {
  /**
   * The page is hiding: commit now, and let take() skip storage until the next task so unload sends at once. Until the
   * page is shown again, every write is also journaled at once: a hidden page may be torn down at any moment (a tab
   * closing fires visibilitychange first in Firefox, and an answer read between it and pagehide must not be lost).
   */
  hide(): void;
  /** The page is visible again (a back/forward-cache restore, or the tab came back). */
  show(): void;
  /** The storage in use: the configured one, or the one the fallback chain moved to (stats()). */
  storage(): StorageKind;
}

/**
 * Most events leased in one transaction: each lease is read and written back in one task (another tab must not lease
 * the same events in between), and leasing a burst of 1,000 at once made that task 60-120 ms long (issue 26).
 */
export const TAKE_SLICE = 250;

/** After this many writes without a full read, the bounds are enforced again (e.g. while offline). */
const TRIM_EVERY_WRITES = 500;

/** Wraps `options.inner` with write-ahead storage (IndexedDB, else localStorage, else memory) and cross-tab leases. */
export function createBuffer(options: BufferOptions): Buffer {
  const { inner, owner, key, storage } = options;
  const now = options.now ?? Date.now;
  const runner = createStorageRunner({ key, storage, snapshot: () => holdings.snapshot(), onFallback: options.onFallback });
  const trim = countWrites(() => runner.run((store) => store.edit(leases.reconcile)));
  const writer = createWriteAhead({ runner, key, owner, onWritten: trim.written });
  const holdings = createHoldings({ inner, writer });
  const leases = createLeases({ ...options, now, holdings, runner, writer });
  let started = storage !== 'indexeddb'; // only IndexedDB has leftovers to apply

  /** Opens IndexedDB (a write at unload is then one transaction) and applies what earlier page views left in localStorage. */
  function start() {
    if (started) return;
    started = true;
    writer.after(applyLeftovers(key, runner));
  }
  if (options.openAtStart !== false) start();

  return {
    push(event) {
      inner.push(event);
      if (holdings.get(event.messageId)) return;
      holdings.keep(event.messageId, { event, attempts: 0, notBefore: 0, at: now() });
      writer.touch();
    },
    /** Takes up to `max` ready items and leases them, in one transaction with reading storage: another tab cannot lease them in between. */
    async take(max, at) {
      if (writer.isHiding()) return inner.take(max, at);
      start();
      await writer.commit();
      trim.reset();
      // In slices of TAKE_SLICE, one transaction each, in the queue's order; always one read, even for max 0.
      const taken: QueueItem[] = [];
      for (;;) {
        const want = Math.min(TAKE_SLICE, max - taken.length);
        const slice = await leases.takeLeased(want, at);
        taken.push(...slice);
        if (slice.length < want || taken.length >= max) return taken;
      }
    },
    ack(ids) {
      inner.ack(ids);
      holdings.settle(ids);
      writer.touch();
    },
    release(ids, notBefore, failed) {
      inner.release(ids, notBefore, failed);
      holdings.release(ids, notBefore, failed);
      if (writer.isHiding()) leases.holdLeased();
      writer.touch();
    },
    size: inner.size,
    nextReadyAt: () => Math.min(inner.nextReadyAt(), leases.foreignUntil()),
    leased: inner.leased,
    handedOff(ids) {
      // Storage only: the holdings keep them, so an answer that asks for a retry (a page restored from the back/forward
      // cache reads it) writes them back.
      holdings.handOff(ids);
      void writer.commit();
    },
    storage: () => runner.kind(),
    show: writer.show,
    hide() {
      writer.hide();
      leases.holdLeased();
      void writer.commit();
    },
  };
}

/** Counts writes since the last full read; past TRIM_EVERY_WRITES, `trim` runs (and its operation is chained into the commit). */
function countWrites(trim: () => Promise<void>) {
  let unTrimmed = 0;
  return {
    written(count: number): Promise<void> | undefined {
      unTrimmed += count;
      if (unTrimmed <= TRIM_EVERY_WRITES) return undefined;
      unTrimmed = 0;
      return trim();
    },
    reset() {
      unTrimmed = 0;
    },
  };
}

/** Writes what earlier page views left in localStorage to the storage in use, then clears it (kept when that storage is localStorage). */
function applyLeftovers(key: string, runner: StorageRunner): Promise<void> {
  const leftovers = readLeftovers(key);
  return runner.run(async (store) => {
    await store.write(leftovers.writes);
    leftovers.clear(runner.kind() === 'localstorage');
  });
}
