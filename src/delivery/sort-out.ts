// Sorting out what storage holds (pure): the records the buffer can use, and why each of the others goes.
import { utf8Length } from '../destinations/batch';
import { attempt } from '../errors';
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

/** True for a record the buffer can use. */
function isStoredItem(value: unknown): value is StoredItem {
  const item = value as StoredItem;
  return typeof item?.event?.messageId === 'string' && [item.at, item.attempts, item.notBefore].every(Number.isFinite);
}

/**
 * Sorts records out: those the buffer can use, in their order, and why each of the others goes (corrupted, older than
 * the age limit, or the oldest past the count or byte cap).
 */
export function sortOut(
  records: Map<string, unknown>,
  limits: BufferLimits,
  now: number,
): { valid: Array<[string, StoredItem]>; drops: Map<string, string> } {
  const drops = new Map<string, string>();
  const valid: Array<[string, StoredItem]> = [];
  records.forEach((value, id) => {
    if (isStoredItem(value)) valid.push([id, value]);
    else drops.set(id, 'corrupted');
  });
  let count = 0;
  let bytes = 0;
  // Newest first: the oldest go when the caps are reached.
  for (const [id, item] of [...valid].sort((a, b) => b[1].at - a[1].at)) {
    if (now - item.at > limits.maxAgeMs) {
      drops.set(id, 'too old');
      continue;
    }
    count += 1;
    // An event JSON cannot carry (a cycle, a BigInt) counts for nothing here: the dispatcher drops it, saying why.
    bytes += utf8Length(attempt(() => JSON.stringify(item.event), ''));
    if (count > limits.maxEvents || bytes > limits.maxBytes) drops.set(id, 'buffer full');
  }
  return { valid: valid.filter(([id]) => !drops.has(id)), drops };
}
