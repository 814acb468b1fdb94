// The durable buffer: a Queue that wraps the in-memory one, writes each event ahead to storage, and shares it between the site's tabs.
import { readLeftovers, type StorageKind } from './record-store';
import { createStorageRunner, type StorageRunner } from './storage-runner';
import { createWriteAhead } from './write-ahead';
import { createLeases } from './leases';
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

/** How many delivered messageIds a page view remembers, so that a stale stored copy is never sent again. */
const SETTLED_KEPT = 1000;

/** After this many writes without a full read, the bounds are enforced again (e.g. while offline). */
const TRIM_EVERY_WRITES = 500;

/** Wraps `options.inner` with write-ahead storage (IndexedDB, else localStorage, else memory) and cross-tab leases. */
export function createBuffer(options: BufferOptions): Buffer {
  const { inner, owner, key, storage } = options;
  const now = options.now ?? Date.now;
  const known = new Map<string, StoredItem>(); // what this page view holds, as last written
  const runner = createStorageRunner({ key, storage, snapshot: () => new Map(known), onFallback: options.onFallback });
  let unTrimmed = 0;
  const writer = createWriteAhead({
    runner,
    key,
    owner,
    onWritten(count) {
      unTrimmed += count;
      if (unTrimmed <= TRIM_EVERY_WRITES) return undefined;
      unTrimmed = 0;
      return runner.run((store) => store.edit(leases.reconcile));
    },
  });
  let started = storage !== 'indexeddb'; // only IndexedDB has leftovers to apply

  /** Remembers a record (null: deleted) and writes it with the next commit. */
  function keep(id: string, item: StoredItem | null) {
    if (item) known.set(id, item);
    else known.delete(id);
    writer.write(id, item);
  }

  /** Opens IndexedDB (a write at unload is then one transaction) and applies what earlier page views left in localStorage. */
  function start() {
    if (started) return;
    started = true;
    writer.after(applyLeftovers(key, runner));
  }
  // Handed to keepalive as the page left, and forgotten in storage: a later hide must not write their leases back.
  const handedOff = new Set<string>();
  const keepUnlessHandedOff = (id: string, item: StoredItem | null) => {
    if (!handedOff.has(id)) keep(id, item);
  };
  // Delivered or dropped for good on this page view (the most recent SETTLED_KEPT): never adopted again from storage.
  const settled = new Set<string>();
  const leases = createLeases({ ...options, now, known, runner, writer, keep: keepUnlessHandedOff, settled });
  if (options.openAtStart !== false) start();

  /** Takes up to `max` ready items and leases them, in one transaction with reading storage: another tab cannot lease them in between. */
  async function take(max: number, at: number): Promise<QueueItem[]> {
    if (writer.hiding) return inner.take(max, at);
    start();
    await writer.commit();
    unTrimmed = 0;
    return leases.takeLeased(max, at);
  }

  return {
    push(event) {
      inner.push(event);
      if (known.has(event.messageId)) return;
      keep(event.messageId, { event, attempts: 0, notBefore: 0, at: now() });
      writer.touch();
    },
    take,
    ack(ids) {
      inner.ack(ids);
      for (const id of ids) {
        handedOff.delete(id);
        keep(id, null);
        settled.add(id);
        if (settled.size > SETTLED_KEPT) settled.delete(settled.values().next().value as string);
      }
      writer.touch();
    },
    release(ids, notBefore, failed) {
      inner.release(ids, notBefore, failed);
      for (const id of ids) {
        // An answer asked for another attempt (a page restored from the back/forward cache read it): stored again.
        handedOff.delete(id);
        const item = known.get(id);
        if (item) keep(id, { ...item, attempts: item.attempts + (failed ? 1 : 0), notBefore, lease: undefined });
      }
      if (writer.hiding) leases.holdLeased();
      writer.touch();
    },
    size: inner.size,
    nextReadyAt: () => Math.min(inner.nextReadyAt(), leases.foreignUntil()),
    leased: inner.leased,
    handedOff(ids) {
      // Storage only: `known` keeps them, so an answer that asks for a retry (a page restored from the back/forward
      // cache reads it) writes them back.
      for (const id of ids) {
        handedOff.add(id);
        writer.write(id, null);
      }
      void writer.commit();
    },
    storage: () => runner.kind(),
    show() {
      writer.leaving = false;
    },
    hide() {
      writer.hiding = true;
      writer.leaving = true;
      leases.holdLeased();
      void writer.commit();
      setTimeout(() => {
        writer.hiding = false;
      });
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
