// The per-destination queue interface and its in-memory implementation; the durable buffer wraps this, it does not branch inside it.
import type { TallyEvent } from '../event/types';

/** An event waiting for one destination, with its delivery state. */
export interface QueueItem {
  event: TallyEvent;
  /** Failed attempts so far. */
  attempts: number;
  /** Not to be sent before this time (ms since the epoch): backoff and Retry-After. */
  notBefore: number;
}

/**
 * What the dispatcher needs from a queue. `push` is on the track() hot path and must stay cheap;
 * the rest run once per flush and may be asynchronous (a persistent store): the dispatcher awaits them.
 */
export interface Queue {
  /** Accepts an event. */
  push(event: TallyEvent): void;
  /** Leases up to `max` items that are ready at `now`, oldest first; a leased item is not handed out again until acked or released. */
  take(max: number, now: number): QueueItem[] | Promise<QueueItem[]>;
  /** Forgets items that were delivered or dropped for good. */
  ack(messageIds: string[]): void | Promise<void>;
  /** Returns leased items for another attempt, counted as failed when `failed`, not before `notBefore`. */
  release(messageIds: string[], notBefore: number, failed: boolean): void | Promise<void>;
  /** Items held, leased or not. */
  size(): number;
  /** The earliest time an unleased item becomes ready, or Infinity when none waits. */
  nextReadyAt(): number;
  /** Items currently leased (being sent), for resending them with keepalive at unload. */
  leased(): QueueItem[];
  /**
   * The page is leaving and keepalive requests carry these leased items: a durable queue forgets them in storage, so the
   * next page view does not send them again; they stay leased here until their answer, should this page live to read it.
   */
  handedOff?(messageIds: string[]): void;
}

/** The in-memory queue answers at once: the durable buffer takes from it inside a storage transaction. */
export interface MemoryQueue extends Queue {
  take(max: number, now: number): QueueItem[];
  ack(messageIds: string[]): void;
  release(messageIds: string[], notBefore: number, failed: boolean): void;
}

/** A queue in memory: fast, and lost with the page; the durable buffer wraps it. */
export function createMemoryQueue(): MemoryQueue {
  const items = new Map<string, QueueItem>(); // insertion order = arrival order
  const leases = new Set<string>();
  return {
    push(event) {
      if (!items.has(event.messageId)) items.set(event.messageId, { event, attempts: 0, notBefore: 0 });
    },
    take(max, now) {
      const taken: QueueItem[] = [];
      for (const [id, item] of items) {
        if (taken.length >= max) break;
        if (leases.has(id) || item.notBefore > now) continue;
        leases.add(id);
        taken.push(item);
      }
      return taken;
    },
    ack(messageIds) {
      for (const id of messageIds) {
        items.delete(id);
        leases.delete(id);
      }
    },
    release(messageIds, notBefore, failed) {
      for (const id of messageIds) {
        const item = items.get(id);
        leases.delete(id);
        if (!item) continue;
        if (failed) item.attempts++;
        item.notBefore = notBefore;
      }
    },
    size: () => items.size,
    nextReadyAt() {
      let earliest = Infinity;
      for (const [id, item] of items) if (!leases.has(id)) earliest = Math.min(earliest, item.notBefore);
      return earliest;
    },
    // Every leased id is held: ack() forgets both.
    leased: () => [...leases].flatMap((id) => items.get(id) ?? []),
  };
}
