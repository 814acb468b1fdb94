// Leases across tabs and page views (part of the durable buffer): reading storage adopts what other page views left, keeps
// off what another page view is sending, and forgets what another tab delivered; a hiding page holds what it handed to keepalive.
import { sortOut, type BufferLimits, type StoredItem } from './sort-out';
import { REQUEST_TIMEOUT_MS } from './transport';
import type { Writes } from './record-store';
import type { MemoryQueue } from './queue';
import type { StorageRunner } from './storage-runner';
import type { WriteAhead } from './write-ahead';

/** A lease outlives any round of requests (15 s timeout each, a few rounds when a batch is split). */
export const LEASE_MS = 60_000;
/** What a hiding page handed to keepalive requests is left to them this long before another page view resends it. */
export const UNLOAD_LEASE_MS = REQUEST_TIMEOUT_MS;
/** localStorage is small (about 5 MB per site) and the host page needs it too. */
export const LOCAL_STORAGE_MAX_BYTES = 1024 * 1024;

/** What the leases work with: the buffer's state and its writer. */
export interface LeaseInputs extends BufferLimits {
  inner: MemoryQueue;
  owner: string;
  now: () => number;
  /** What this page view holds, as last written. */
  known: Map<string, StoredItem>;
  runner: StorageRunner;
  writer: WriteAhead;
  /** Remembers a record (null: deleted) and writes it with the next commit. */
  keep(id: string, item: StoredItem | null): void;
  onDrop(reason: string, count: number): void;
  /** Events this page view saw delivered (or dropped for good): a stored copy of one is stale and is deleted, never sent. */
  settled: ReadonlySet<string>;
}

/** Creates the lease logic of one buffer. */
export function createLeases(inputs: LeaseInputs) {
  const { inner, owner, now, known, runner, writer } = inputs;
  let foreignUntil = Infinity; // when the first lease of another page view runs out

  function forget(id: string) {
    known.delete(id);
    inner.ack([id]);
  }

  /** Reads storage: drops what is corrupted or out of bounds, adopts what other page views left, forgets what another tab sends. */
  function reconcile(records: Map<string, unknown>): Writes {
    const at = now();
    const out: Writes = new Map();
    const maxBytes = Math.min(inputs.maxBytes, runner.kind() === 'localstorage' ? LOCAL_STORAGE_MAX_BYTES : Infinity);
    const { valid, drops } = sortOut(records, { ...inputs, maxBytes }, at);
    const counts: Record<string, number> = {};
    drops.forEach((reason, id) => {
      out.set(id, null);
      forget(id);
      counts[reason] = (counts[reason] ?? 0) + 1;
    });
    for (const reason in counts) inputs.onDrop(reason, counts[reason]);
    foreignUntil = Infinity;
    for (const [id, item] of valid) {
      // A write that landed after this page view's delete (a page frozen in the back/forward cache mid-transaction in
      // WebKit) must not bring a delivered event back.
      if (inputs.settled.has(id)) out.set(id, null);
      else adopt(id, item, at);
    }
    // Gone from storage, and neither waiting to be handed over nor handed over and unconfirmed: another tab delivered it.
    known.forEach((_, id) => {
      if (!records.has(id) && !writer.pending(id)) forget(id);
    });
    return out;
  }

  /** A stored record: another page view's lease keeps it off this one; one this page view does not hold yet joins the queue. */
  function adopt(id: string, item: StoredItem, at: number) {
    const [holder, until] = item.lease ?? [owner, 0];
    if (holder !== owner && until > at) {
      forget(id);
      foreignUntil = Math.min(foreignUntil, until);
    } else if (!known.has(id)) {
      known.set(id, item);
      inner.push(item.event);
      if (item.notBefore) inner.release([id], item.notBefore, false);
    }
  }

  /** Keeps other page views off what this one is sending while it hides: keepalive requests may still deliver it. */
  function holdLeased() {
    const until = now() + UNLOAD_LEASE_MS;
    for (const { event } of inner.leased()) {
      const item = known.get(event.messageId);
      if (item) inputs.keep(event.messageId, { ...item, lease: [owner, until] });
    }
  }

  /** Takes up to `max` ready items and leases them, in one transaction with reading storage: another tab cannot lease them in between. */
  async function takeLeased(max: number, at: number): Promise<StoredItem[]> {
    let taken: StoredItem[] = [];
    await runner.run((store) =>
      store.edit((records) => {
        const out = reconcile(records);
        const lease: [string, number] = [owner, now() + LEASE_MS];
        // run() repeats this on the next storage when one fails: what was taken already is leased there again, not taken twice.
        taken = [...taken, ...inner.take(max - taken.length, at)].flatMap(({ event }) => {
          // The inner queue holds only what `known` holds.
          const held = known.get(event.messageId);
          if (!held) return [];
          const item = { ...held, lease };
          known.set(event.messageId, item);
          writer.supersede(event.messageId); // this lease replaces any pending write
          out.set(event.messageId, item);
          return [item];
        });
        return out;
      }),
    );
    return taken;
  }

  return { reconcile, holdLeased, takeLeased, foreignUntil: () => foreignUntil };
}
