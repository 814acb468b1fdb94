// What a page view knows it must no longer store or send (part of the durable buffer): events handed to keepalive as the
// page hid (forgotten in storage; a later hide must not write their leases back) and events it saw delivered or dropped
// for good (a stored copy that lands late is deleted, never sent again).
import type { SettledIds } from './leases';

/** How many delivered messageIds a page view remembers. */
export const SETTLED_KEPT = 1000;

/** The buffer's memory of handed-off and settled events. */
export interface SettledMemory extends SettledIds {
  /** Handed to keepalive as the page hid. */
  handOff(id: string): void;
  isHandedOff(id: string): boolean;
  /** An answer asked for another attempt: stored as usual again. */
  retry(id: string): void;
  /** Delivered or dropped for good (the most recent SETTLED_KEPT are remembered). */
  settle(id: string): void;
}

/** Creates the memory of one buffer. */
export function createSettledMemory(): SettledMemory {
  const handedOff = new Set<string>();
  const settled = new Set<string>();
  return {
    handOff: (id) => void handedOff.add(id),
    isHandedOff: (id) => handedOff.has(id),
    retry: (id) => void handedOff.delete(id),
    settle(id) {
      handedOff.delete(id);
      settled.add(id);
      if (settled.size > SETTLED_KEPT) settled.delete(settled.values().next().value as string);
    },
    has: (id) => settled.has(id),
  };
}
