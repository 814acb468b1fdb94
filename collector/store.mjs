// In-memory record of every request the API origin saw, with duplicate detection, each event's delivery state and a
// subscriber API.
import { carriedEvents, nextDelivery } from './delivery.mjs';

/** Keeps only the records matching { writeKey?, destination?, method? } (undefined fields match all). */
export function matchesFilter(record, filter = {}) {
  return Object.entries(filter).every(([key, value]) => value === undefined || value === '' || record[key] === value);
}

/**
 * createStore() → { record, requests, events, reset, subscribe }.
 * A record: { seq, at, destination, method, path, headers, status, writeKey, body, events, carried, deliveries, ...flags }.
 * Events are the payloads the service accepted, each with receivedAt, problems and `duplicate: true`
 * when its messageId was already accepted for the same destination and writeKey.
 */
export function createStore() {
  let records = [];
  let seq = 0;
  const seen = new Map(); // `${destination}\n${writeKey}` → Set of messageIds
  const deliveries = new Map(); // `${destination}\n${writeKey}\n${messageId}` → its delivery state (collector/delivery.mjs)
  const listeners = new Set();

  const notify = (message) => {
    for (const listener of listeners) listener(message);
  };

  /**
   * Follows each event the request carried (answered or not) through its delivery: `record.deliveries[messageId]` is
   * its state after this request (collector/delivery.mjs), `record.carried` the carried events the service did not keep
   * (so the viewer can show a failed event by name), and an accepted retry shows `attempt: n`.
   */
  function markDeliveries(record) {
    record.deliveries = {};
    record.carried = [];
    if (record.method === 'OPTIONS') return;
    const carried = carriedEvents(record);
    const kept = new Set(record.events.map((event) => event.messageId));
    for (const event of carried) {
      const key = `${record.destination}\n${record.writeKey}\n${event.messageId}`;
      const accepted = kept.has(event.messageId);
      const state = nextDelivery(deliveries.get(key), {
        status: record.status,
        accepted,
        alone: carried.length === 1,
        rejected: record.rejected,
      });
      deliveries.set(key, state);
      record.deliveries[event.messageId] = state;
      if (!accepted) record.carried.push(event);
    }
    for (const event of record.events) {
      const attempts = record.deliveries[event.messageId]?.attempts ?? 1;
      if (attempts > 1) event.attempt = attempts;
    }
  }

  function markDuplicates(record) {
    const scope = `${record.destination}\n${record.writeKey}`;
    if (!seen.has(scope)) seen.set(scope, new Set());
    const ids = seen.get(scope);
    for (const event of record.events) {
      if (typeof event.messageId !== 'string') continue;
      if (ids.has(event.messageId)) event.duplicate = true;
      else ids.add(event.messageId);
    }
  }

  return {
    /** Stores one request; returns the stored record (with seq, at, and receivedAt on its events). */
    record(input) {
      const at = input.at ?? Date.now();
      const receivedAt = new Date(at).toISOString();
      const record = {
        seq: ++seq,
        at,
        ...input,
        events: (input.events || []).map((event) => ({ ...event, receivedAt })),
      };
      markDuplicates(record);
      markDeliveries(record);
      records.push(record);
      notify({ type: 'request', record });
      return record;
    },
    requests: (filter) => records.filter((record) => matchesFilter(record, filter)),
    /** Accepted events in arrival order, each with its request's seq and writeKey. */
    events(filter = {}) {
      const { type, event: name, ...requestFilter } = filter;
      return records
        .filter((record) => matchesFilter(record, requestFilter))
        .flatMap((record) => record.events.map((event) => ({ ...event, requestSeq: record.seq, writeKey: record.writeKey })))
        .filter((event) => (type ? event.type === type : true) && (name ? event.event === name : true));
    },
    /** Forgets everything, or only one writeKey's records when given. */
    reset(writeKey) {
      if (writeKey) {
        records = records.filter((record) => record.writeKey !== writeKey);
        for (const key of deliveries.keys()) if (key.split('\n')[1] === writeKey) deliveries.delete(key);
        for (const scope of seen.keys()) if (scope.endsWith(`\n${writeKey}`)) seen.delete(scope);
      } else {
        records = [];
        seen.clear();
        deliveries.clear();
      }
      notify({ type: 'reset', writeKey });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
