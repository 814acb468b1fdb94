// Leases across tabs and page views (part of the durable buffer): reading storage adopts what other page views left, keeps
// off what another page view is sending, and forgets what another tab delivered; a hiding page holds what it handed to keepalive.
import { sortOut, type BufferLimits, type StoredItem } from './sort-out';
import { REQUEST_TIMEOUT_MS } from './transport';
import type { Holdings } from './holdings';
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

/** What the leases work with: the buffer's bounds, queue, holdings and storage, and where drops are reported. */
export interface LeaseInputs extends BufferLimits {
  inner: MemoryQueue;
  owner: string;
  now: () => number;
  holdings: Holdings;
  runner: StorageRunner;
  /** Whether a write is still on its way to storage, and how a lease replaces a pending write. */
  writer: Pick<WriteAhead, 'pending' | 'supersede'>;
  onDrop(reason: string, count: number): void;
}

/** The lease logic of one buffer. */
export interface Leases {
  /** Reads storage: drops what is corrupted or out of bounds, adopts what other page views left, forgets what another tab sends. */
  reconcile(records: Map<string, unknown>): Writes;
  /** Keeps other page views off what this one is sending while it hides: keepalive requests may still deliver it. */
  holdLeased(): void;
  /** Takes up to `max` ready items and leases them, in one transaction with reading storage: another tab cannot lease them in between. */
  takeLeased(max: number, at: number): Promise<StoredItem[]>;
  /** When the first lease of another page view runs out (Infinity: none). */
  foreignUntil(): number;
}

/** Creates the lease logic of one buffer. */
export function createLeases(inputs: LeaseInputs): Leases {
  const { inner, owner, now, holdings, runner, writer } = inputs;
  let foreignUntil = Infinity;

  function reconcile(records: Map<string, unknown>): Writes {
    const at = now();
    const maxBytes = Math.min(inputs.maxBytes, runner.kind() === 'localstorage' ? LOCAL_STORAGE_MAX_BYTES : Infinity);
    const { valid, drops } = sortOut(records, { ...inputs, maxBytes }, at);
    const out = dropAll(drops);
    foreignUntil = Infinity;
    for (const [id, item] of valid) {
      // A write that landed after this page view's delete (a page frozen in the back/forward cache mid-transaction in
      // WebKit) must not bring a delivered event back.
      if (holdings.isSettled(id)) out.set(id, null);
      else adopt(id, item, at);
    }
    // Gone from storage, and neither waiting to be handed over nor handed over and unconfirmed: another tab delivered it.
    for (const id of holdings.ids()) if (!records.has(id) && !writer.pending(id)) holdings.forget(id);
    return out;
  }

  /** Deletes what storage cannot keep, reporting how many went for each reason. */
  function dropAll(drops: Map<string, string>): Writes {
    const out: Writes = new Map();
    const counts: Record<string, number> = {};
    drops.forEach((reason, id) => {
      out.set(id, null);
      holdings.forget(id);
      counts[reason] = (counts[reason] ?? 0) + 1;
    });
    for (const reason in counts) inputs.onDrop(reason, counts[reason]);
    return out;
  }

  /** A stored record: another page view's lease keeps it off this one; one this page view does not hold yet joins the queue. */
  function adopt(id: string, item: StoredItem, at: number) {
    const [holder, until] = item.lease ?? [owner, 0];
    if (holder !== owner && until > at) {
      holdings.forget(id);
      foreignUntil = Math.min(foreignUntil, until);
    } else if (!holdings.get(id)) {
      holdings.hold(id, item);
      inner.push(item.event);
      if (item.notBefore) inner.release([id], item.notBefore, false);
    }
  }

  function holdLeased() {
    const until = now() + UNLOAD_LEASE_MS;
    for (const { event } of inner.leased()) {
      const item = holdings.get(event.messageId);
      if (item) holdings.keep(event.messageId, { ...item, lease: [owner, until] });
    }
  }

  return { reconcile, holdLeased, takeLeased: createTakeLeased(inputs, reconcile), foreignUntil: () => foreignUntil };
}

/** takeLeased() of the leases: reads storage (reconcile) and leases what it takes, in one transaction. */
function createTakeLeased({ inner, owner, now, holdings, runner, writer }: LeaseInputs, reconcile: Leases['reconcile']) {
  return async (max: number, at: number): Promise<StoredItem[]> => {
    let taken: StoredItem[] = [];
    await runner.run((store) =>
      store.edit((records) => {
        const out = reconcile(records);
        const lease: [string, number] = [owner, now() + LEASE_MS];
        // run() repeats this on the next storage when one fails: what was taken already is leased there again, not taken twice.
        taken = [...taken, ...inner.take(max - taken.length, at)].flatMap(({ event }) => {
          // The inner queue holds only what the holdings hold.
          const held = holdings.get(event.messageId);
          if (!held) return [];
          const item = { ...held, lease };
          holdings.hold(event.messageId, item);
          writer.supersede(event.messageId); // this lease replaces any pending write
          out.set(event.messageId, item);
          return [item];
        });
        return out;
      }),
    );
    return taken;
  };
}
