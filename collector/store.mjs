// In-memory record of every request the API origin saw, with duplicate detection and a subscriber API.

/** Keeps only the records matching { writeKey?, destination?, method? } (undefined fields match all). */
export function matchesFilter(record, filter = {}) {
  return Object.entries(filter).every(([key, value]) => value === undefined || value === '' || record[key] === value);
}

/**
 * createStore() → { record, requests, events, reset, subscribe }.
 * A record: { seq, at, destination, method, path, headers, status, writeKey, body, events, ...flags }.
 * Events are the payloads the service accepted, each with receivedAt, problems and `duplicate: true`
 * when its messageId was already accepted for the same destination and writeKey.
 */
export function createStore() {
  let records = [];
  let seq = 0;
  const seen = new Map(); // `${destination}\n${writeKey}` → Set of messageIds
  const tries = new Map(); // `${destination}\n${writeKey}\n${messageId}` → requests that carried it, answered or not
  const listeners = new Set();

  const notify = (message) => {
    for (const listener of listeners) listener(message);
  };

  /** Counts every request that carried a messageId (faulted ones too), so an accepted retry shows `attempt: n`. */
  function markAttempts(record) {
    const carried = Array.isArray(record.body?.batch) ? record.body.batch : [];
    for (const item of carried) {
      if (typeof item?.messageId !== 'string') continue;
      const key = `${record.destination}\n${record.writeKey}\n${item.messageId}`;
      tries.set(key, (tries.get(key) ?? 0) + 1);
    }
    for (const event of record.events) {
      const count = tries.get(`${record.destination}\n${record.writeKey}\n${event.messageId}`) ?? 1;
      if (count > 1) event.attempt = count;
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
      markAttempts(record);
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
        for (const key of tries.keys()) if (key.split('\n')[1] === writeKey) tries.delete(key);
        for (const scope of seen.keys()) if (scope.endsWith(`\n${writeKey}`)) seen.delete(scope);
      } else {
        records = [];
        seen.clear();
        tries.clear();
      }
      notify({ type: 'reset', writeKey });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
