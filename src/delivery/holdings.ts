// What one buffer holds on this page view (part of the durable buffer): each event's record as last written, what it
// handed to keepalive as the page left, and what it saw settled. Every change of a record goes to the write-ahead.
import type { MemoryQueue } from './queue';
import type { Writes } from './record-store';
import type { StoredItem } from './sort-out';
import type { WriteAhead } from './write-ahead';

/** How many delivered messageIds a page view remembers, so that a stale stored copy is never sent again. */
const SETTLED_KEPT = 1000;

/** The records a buffer holds, and the only way its collaborators change them. */
export interface Holdings {
  /** The record held for `id`, as last written; undefined when none is. */
  get(id: string): StoredItem | undefined;
  /** Holds a record without writing it: adopted from storage, or leased in the transaction that writes it. */
  hold(id: string, item: StoredItem): void;
  /** Stops holding an event and drops it from the queue: another tab delivered it, or storage dropped it. */
  forget(id: string): void;
  /** Every id held. */
  ids(): string[];
  /** What is held, for the next storage of the fallback chain to start with. */
  snapshot(): Writes;
  /** Holds a record (null: none) and writes it with the next commit, unless keepalive carries it as the page left. */
  keep(id: string, item: StoredItem | null): void;
  /** Delivered or dropped for good: deleted, and never adopted again from storage (isSettled). */
  settle(ids: string[]): void;
  /** Released for another attempt (`failed`: one more counted), not before `notBefore`: written back without a lease. */
  release(ids: string[], notBefore: number, failed: boolean): void;
  /** Handed to keepalive as the page left: deleted in storage only, still held, so that a retry writes it back. */
  handOff(ids: string[]): void;
  /** Whether this page view saw the event delivered or dropped for good (the most recent SETTLED_KEPT). */
  isSettled(id: string): boolean;
}

/** Creates the holdings of one buffer over its in-memory queue and its write-ahead. */
export function createHoldings({ inner, writer }: { inner: MemoryQueue; writer: Pick<WriteAhead, 'write'> }): Holdings {
  const known = new Map<string, StoredItem>();
  const handedOff = new Set<string>();
  const settled = new Set<string>();

  const holdings: Holdings = {
    get: (id) => known.get(id),
    hold: (id, item) => void known.set(id, item),
    forget(id) {
      known.delete(id);
      inner.ack([id]);
    },
    ids: () => [...known.keys()],
    snapshot: () => new Map(known),
    keep(id, item) {
      if (handedOff.has(id)) return;
      if (item) known.set(id, item);
      else known.delete(id);
      writer.write(id, item);
    },
    settle(ids) {
      for (const id of ids) {
        handedOff.delete(id);
        holdings.keep(id, null);
        settled.add(id);
        if (settled.size > SETTLED_KEPT) settled.delete(settled.values().next().value as string);
      }
    },
    release(ids, notBefore, failed) {
      for (const id of ids) {
        // An answer asked for another attempt (a page restored from the back/forward cache read it): stored again.
        handedOff.delete(id);
        const item = known.get(id);
        if (item) holdings.keep(id, { ...item, attempts: item.attempts + (failed ? 1 : 0), notBefore, lease: undefined });
      }
    },
    handOff(ids) {
      for (const id of ids) {
        handedOff.add(id);
        writer.write(id, null);
      }
    },
    isSettled: (id) => settled.has(id),
  };
  return holdings;
}
