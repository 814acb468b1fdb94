// Measure 4: requests, preflights and wire bytes that delivered a visit's events, and when the last one arrived.

/**
 * Polls `deliveries()` (→ [{ at, method, bytes, events: [{ name, id }] }]) until `expected` distinct events named `name`
 * arrived, `timeoutMs` passed, or (after `minMs`) nothing new arrived for `quietMs`: an SDK that dropped events.
 */
export async function waitForDelivery({ deliveries, name, expected, timeoutMs, minMs = timeoutMs, quietMs = 3000, pollMs = 50 }) {
  const start = Date.now();
  let seen = -1;
  let changedAt = start;
  for (;;) {
    const summary = summarizeDelivery(await deliveries(), name);
    const now = Date.now();
    if (summary.events !== seen) [seen, changedAt] = [summary.events, now];
    if (summary.events >= expected || now - start > timeoutMs) return summary;
    if (now - start > minMs && now - changedAt > quietMs) return summary;
    await new Promise((done) => setTimeout(done, pollMs));
  }
}

/** Counts distinct events (by id) named `name`, the POSTs that carried them, preflights and bytes, and the last arrival time. */
export function summarizeDelivery(records, name) {
  const ids = new Set();
  const summary = { events: 0, requests: 0, preflights: 0, bytes: 0, lastAt: 0, duplicates: 0 };
  for (const record of records) {
    if (record.method === 'OPTIONS') {
      summary.preflights += 1;
      summary.bytes += record.bytes;
      continue;
    }
    const mine = record.events.filter((event) => event.name === name);
    if (!mine.length) continue;
    summary.requests += 1;
    summary.bytes += record.bytes;
    for (const event of mine) {
      if (ids.has(event.id)) summary.duplicates += 1;
      else ids.add(event.id);
    }
    summary.lastAt = Math.max(summary.lastAt, record.at);
  }
  summary.events = ids.size;
  return summary;
}
