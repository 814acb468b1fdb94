// The durable buffer: a Queue that wraps the in-memory one, writes each event ahead to storage, and shares it between the site's tabs.
import { utf8Length } from './batch';
import {
  STORAGE_KINDS,
  openRecordStore,
  readLeftovers,
  saveJournal,
  type RecordStore,
  type StorageKind,
  type Writes,
} from './record-store';
import { REQUEST_TIMEOUT_MS } from './transport';
import { attempt } from '../api/errors';
import type { MemoryQueue, Queue } from './queue';
import type { TallyEvent } from '../event/types';

/** One event as storage keeps it. */
export interface StoredItem {
  event: TallyEvent;
  attempts: number;
  notBefore: number;
  /** When it was accepted (ms since the epoch): eviction order and the age limit. */
  at: number;
  /** `[page view, until]`: that page view is sending it; other page views leave it alone until `until`. */
  lease?: [string, number];
}

/** The buffer's bounds, per destination. */
export interface BufferLimits {
  maxEvents: number;
  maxBytes: number;
  maxAgeMs: number;
}

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
  /** The page is hiding: commit now, and let take() skip storage until the next task so unload sends at once. */
  hide(): void;
}

/** A lease outlives any round of requests (15 s timeout each, a few rounds when a batch is split). */
export const LEASE_MS = 60_000;
/** What a hiding page handed to keepalive requests is left to them this long before another page view resends it. */
export const UNLOAD_LEASE_MS = REQUEST_TIMEOUT_MS;
/** Writes of one burst of calls go in one transaction at the end of the task: as soon as possible, so a page torn down right after rarely needs the journal. */
export const COMMIT_DELAY_MS = 0;
/** After this many writes without a full read, the bounds are enforced again (e.g. while offline). */
const TRIM_EVERY_WRITES = 500;
/** localStorage is small (about 5 MB per site) and the host page needs it too. */
export const LOCAL_STORAGE_MAX_BYTES = 1024 * 1024;

/** True for a record the buffer can use. */
const isStoredItem = (value: unknown): value is StoredItem => {
  const item = value as StoredItem;
  return typeof item?.event?.messageId === 'string' && [item.at, item.attempts, item.notBefore].every(Number.isFinite);
};

/** Sorts records out: those the buffer can use, in their order, and why each of the others goes (corrupted, older than the age limit, or the oldest past the count or byte cap). */
export function sortOut(
  records: Map<string, unknown>,
  limits: BufferLimits,
  now: number,
): { valid: Array<[string, StoredItem]>; drops: Map<string, string> } {
  const drops = new Map<string, string>();
  const valid: Array<[string, StoredItem]> = [];
  records.forEach((value, id) => (isStoredItem(value) ? valid.push([id, value]) : drops.set(id, 'corrupted')));
  let count = 0;
  let bytes = 0;
  for (const [id, item] of [...valid].sort((a, b) => b[1].at - a[1].at)) {
    if (now - item.at > limits.maxAgeMs) drops.set(id, 'too old');
    // An event JSON cannot carry (a cycle, a BigInt) counts for nothing here: the dispatcher drops it, saying why.
    else if (++count > limits.maxEvents || (bytes += utf8Length(attempt(() => JSON.stringify(item.event), ''))) > limits.maxBytes)
      drops.set(id, 'buffer full');
  }
  return { valid: valid.filter(([id]) => !drops.has(id)), drops };
}

/** Wraps `options.inner` with write-ahead storage (IndexedDB, else localStorage, else memory) and cross-tab leases. */
export function createBuffer(options: BufferOptions): Buffer {
  const { inner, owner, key, storage, onDrop, onFallback } = options;
  const now = options.now ?? Date.now;
  const known = new Map<string, StoredItem>(); // what this page view holds, as last written
  let writes: Writes = new Map();
  let kind = storage; // the storage in use: `storage`, or the one the chain fell back to
  let store: RecordStore | undefined;
  let seed: Writes | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hiding = false;
  let unTrimmed = 0;
  let foreignUntil = Infinity; // when the first lease of another page view runs out
  let committed: Promise<void> = Promise.resolve();
  const unsaved: Writes = new Map(); // handed to storage, not yet known to be written
  let journaled = false;
  let started = storage !== 'indexeddb'; // only IndexedDB has leftovers to apply

  /** Runs a storage operation, moving down the chain when a storage fails; never rejects. */
  async function run(operation: (store: RecordStore) => Promise<void>): Promise<void> {
    for (;;) {
      const tried = kind;
      try {
        store ??= openRecordStore(kind, key);
        if (seed) await store.write(seed);
        seed = undefined;
        return await operation(store);
      } catch (error) {
        if (tried !== kind) continue; // an operation run alongside already moved down the chain
        if (kind === 'memory') return;
        kind = STORAGE_KINDS[STORAGE_KINDS.indexOf(kind) + 1];
        store = undefined;
        seed = new Map(known); // the next storage starts with what this page view holds
        onFallback(kind, error);
      }
    }
  }

  function commit(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (writes.size) {
      const batch = writes;
      writes = new Map();
      batch.forEach((value, id) => unsaved.set(id, value));
      committed = run((store) => store.write(batch)).then(() => {
        batch.forEach((value, id) => unsaved.get(id) === value && unsaved.delete(id));
        if (journaled && !unsaved.size) {
          journaled = false;
          saveJournal(key, owner); // all confirmed: removes it
        }
      });
      if ((unTrimmed += batch.size) > TRIM_EVERY_WRITES) committed = run((store) => store.edit(reconcile));
    }
    // A hiding page may be torn down before its IndexedDB transaction completes: what it has not confirmed goes to the journal too.
    if (hiding && unsaved.size && kind === 'indexeddb') (saveJournal(key, owner, unsaved), (journaled = true));
    return committed;
  }

  /** Commits the writes at the end of the task, or at once while hiding. */
  function touch() {
    if (hiding) void commit();
    else timer ??= setTimeout(commit, COMMIT_DELAY_MS);
  }

  /** Remembers a record (null: deleted) and writes it with the next commit. */
  function keep(id: string, item: StoredItem | null) {
    if (item) known.set(id, item);
    else known.delete(id);
    writes.set(id, item);
  }

  function forget(id: string) {
    known.delete(id);
    inner.ack([id]);
  }

  /** Reads storage: drops what is corrupted or out of bounds, adopts what other page views left, forgets what another tab sends. */
  function reconcile(records: Map<string, unknown>): Writes {
    const at = now();
    const out: Writes = new Map();
    const counts: Record<string, number> = {};
    const maxBytes = Math.min(options.maxBytes, kind === 'localstorage' ? LOCAL_STORAGE_MAX_BYTES : Infinity);
    const { valid, drops } = sortOut(records, { ...options, maxBytes }, at);
    drops.forEach((reason, id) => {
      out.set(id, null);
      forget(id);
      counts[reason] = (counts[reason] ?? 0) + 1;
    });
    for (const reason in counts) onDrop(reason, counts[reason]);
    foreignUntil = Infinity;
    for (const [id, item] of valid) {
      const [holder, until] = item.lease ?? [owner, 0];
      if (holder !== owner && until > at) {
        // Another page view is sending it.
        forget(id);
        foreignUntil = Math.min(foreignUntil, until);
      } else if (!known.has(id)) {
        known.set(id, item);
        inner.push(item.event);
        if (item.notBefore) inner.release([id], item.notBefore, false);
      }
    }
    // Gone from storage, and neither waiting to be handed over nor handed over and unconfirmed: another tab delivered it.
    known.forEach((_, id) => records.has(id) || writes.has(id) || unsaved.has(id) || forget(id));
    unTrimmed = 0;
    return out;
  }

  /** Keeps other page views off what this one is sending while it hides: keepalive requests may still deliver it. */
  function holdLeased() {
    const until = now() + UNLOAD_LEASE_MS;
    for (const { event } of inner.leased()) {
      const item = known.get(event.messageId);
      if (item) keep(event.messageId, { ...item, lease: [owner, until] });
    }
  }

  /** Opens IndexedDB (a write at unload is then one transaction) and applies what earlier page views left in localStorage. */
  function start() {
    if (started) return;
    started = true;
    const leftovers = readLeftovers(key);
    committed = run(async (store) => {
      await store.write(leftovers.writes);
      leftovers.clear(kind === 'localstorage');
    });
  }
  if (options.openAtStart !== false) start();

  return {
    push(event) {
      inner.push(event);
      if (known.has(event.messageId)) return;
      keep(event.messageId, { event, attempts: 0, notBefore: 0, at: now() });
      touch();
    },
    async take(max, at) {
      if (hiding) return inner.take(max, at);
      start();
      await commit();
      let taken: StoredItem[] = [];
      // One transaction reads storage and leases what is taken: another tab cannot lease it in between.
      await run((store) =>
        store.edit((records) => {
          const out = reconcile(records);
          const lease: [string, number] = [owner, now() + LEASE_MS];
          // run() repeats this on the next storage when one fails: what was taken already is leased there again, not taken twice.
          taken = [...taken, ...inner.take(max - taken.length, at)].map(({ event: { messageId: id } }) => {
            const item = { ...known.get(id)!, lease }; // the inner queue holds only what `known` holds
            known.set(id, item);
            writes.delete(id); // superseded by this lease
            out.set(id, item);
            return item;
          });
          return out;
        }),
      );
      return taken;
    },
    ack(ids) {
      inner.ack(ids);
      for (const id of ids) keep(id, null);
      touch();
    },
    release(ids, notBefore, failed) {
      inner.release(ids, notBefore, failed);
      for (const id of ids) {
        const item = known.get(id);
        if (item) keep(id, { ...item, attempts: item.attempts + (failed ? 1 : 0), notBefore, lease: undefined });
      }
      if (hiding) holdLeased();
      touch();
    },
    size: inner.size,
    nextReadyAt: () => Math.min(inner.nextReadyAt(), foreignUntil),
    leased: inner.leased,
    hide() {
      hiding = true;
      holdLeased();
      void commit();
      setTimeout(() => (hiding = false));
    },
  };
}
