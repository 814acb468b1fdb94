// Splits serialised events into batches that fit a service's limits: a pure function, run once per flush. Destinations
// pack their requests with it (their wire format knows the limits); the sender reads the Limits and Rejected shapes.

/** A service's size limits, in bytes of UTF-8 JSON and in events. */
export interface Limits {
  maxItemBytes: number;
  maxBatchBytes: number;
  maxBatchItems: number;
}

/** One batch: its events' ids, their JSON joined by commas, and the bytes of its request body (envelope included). */
export interface Batch {
  messageIds: string[];
  json: string;
  bytes: number;
}

/** An event that cannot be sent at all, with why (the shape of a dropped event's verdict). */
export interface Rejected {
  messageId: string;
  reason: string;
  /** Its key in stats().dropped when the reason has numbers that vary (a size); the reason itself otherwise. */
  key?: string;
}

/**
 * Serialises each event once and packs them, in order, into batches of at most `maxBatchItems` events and
 * `maxBatchBytes` bytes including `envelopeBytes` (the JSON around the events). An event over `maxItemBytes`,
 * or one that `serialize` throws on (a cycle, a BigInt, a mapping error), is rejected rather than sent.
 */
export function splitBatches<T extends { messageId: string }>(
  items: T[],
  serialize: (item: T) => string,
  limits: Limits,
  envelopeBytes: number,
): { batches: Batch[]; rejected: Rejected[] } {
  const { maxItemBytes, maxBatchBytes, maxBatchItems } = limits;
  const batches: Batch[] = [];
  const rejected: Rejected[] = [];
  let current: Batch | undefined;
  for (const item of items) {
    const { messageId } = item;
    let json: string;
    try {
      json = serialize(item);
    } catch (error) {
      // A cycle or a BigInt (JSON.stringify's TypeError), or a destination's mapping that cannot carry the item.
      rejected.push({ messageId, reason: `it cannot be sent (${(error as Error)?.message ?? error})` });
      continue;
    }
    const bytes = utf8Length(json);
    if (bytes > maxItemBytes || bytes + envelopeBytes > maxBatchBytes) {
      rejected.push({ messageId, reason: `it is ${bytes} bytes, over the limit of ${maxItemBytes}`, key: 'over the size limit' });
      continue;
    }
    // A new batch when this item does not fit the current one; each item adds its bytes and a comma, but the first has none.
    if (!current || current.messageIds.length >= maxBatchItems || current.bytes + 1 + bytes > maxBatchBytes) {
      current = { messageIds: [], json: '', bytes: envelopeBytes - 1 };
      batches.push(current);
    }
    current.bytes += bytes + 1;
    current.json += (current.json ? ',' : '') + json;
    current.messageIds.push(messageId);
  }
  return { batches, rejected };
}

const encoder = new TextEncoder();
/** Bytes of a string in UTF-8 (as fast as counting them in a loop, measured). */
export const utf8Length = (text: string): number => encoder.encode(text).length;
