// Splits serialised events into batches that fit a service's limits: a pure function, run once per flush.

/** A service's size limits, in bytes of UTF-8 JSON and in events. */
export interface Limits {
  maxItemBytes: number;
  maxBatchBytes: number;
  maxBatchItems: number;
}

/** One batch: the items, their JSON, and the bytes they add up to (commas included, envelope excluded). */
export interface Batch<T> {
  items: T[];
  parts: string[];
  bytes: number;
}

/** Items that cannot be sent at all, with why. */
export interface Rejected<T> {
  item: T;
  reason: string;
}

/**
 * Serialises each item once and packs them, in order, into batches of at most `maxBatchItems` items and
 * `maxBatchBytes` bytes including `envelopeBytes` (the JSON around the items). An item over `maxItemBytes`,
 * or one that `serialize` throws on (a cycle, a BigInt, a mapping error), is rejected rather than sent.
 */
export function splitBatches<T>(items: T[], serialize: (item: T) => string, limits: Limits, envelopeBytes: number): { batches: Batch<T>[]; rejected: Rejected<T>[] } {
  const { maxItemBytes, maxBatchBytes, maxBatchItems } = limits;
  const batches: Batch<T>[] = [];
  const rejected: Rejected<T>[] = [];
  let current: Batch<T> | undefined;
  for (const item of items) {
    let json: string;
    try {
      json = serialize(item);
    } catch (error) {
      // A cycle or a BigInt (JSON.stringify's TypeError), or a destination's mapping that cannot carry the item.
      rejected.push({ item, reason: `it cannot be sent (${(error as Error)?.message ?? error})` });
      continue;
    }
    const bytes = utf8Length(json);
    if (bytes > maxItemBytes || bytes + envelopeBytes > maxBatchBytes) {
      rejected.push({ item, reason: `it is ${bytes} bytes, over the limit of ${maxItemBytes}` });
      continue;
    }
    // A new batch when this item does not fit the current one; each item adds its bytes and a comma, but the first has none.
    if (!current || current.items.length >= maxBatchItems || envelopeBytes + current.bytes + 1 + bytes > maxBatchBytes) batches.push((current = { items: [], parts: [], bytes: -1 }));
    current.bytes += bytes + 1;
    current.items.push(item);
    current.parts.push(json);
  }
  return { batches, rejected };
}

const encoder = new TextEncoder();
/** Bytes of a string in UTF-8 (as fast as counting them in a loop, measured). */
export const utf8Length = (text: string): number => encoder.encode(text).length;
