// Delivery state per destination and event, as the collector sees it: every request that carried the event, what it was
// answered (a fault included), read with the SDK's retry rules. Pure; the store keeps one state per event.
//
// The collector cannot ask the SDK, so it applies the SDK's documented rules (src/delivery/retry.ts, README "Delivery that
// loses nothing"): 2xx delivers; a network error, 408, 410, 429, 460 and most 5xx are retried up to 10 attempts, then the
// SDK gives up; 400 and 413 split a batch until the bad event is alone, which is then dropped; other 4xx drop at once.
// test/collector/delivery.test.ts checks these rules against the SDK's own. An attempt that never reached the collector
// (the network down before it) is not seen here.

/** The SDK's MAX_ATTEMPTS (src/delivery/retry.ts): after this many failed attempts it drops the event. */
export const SDK_MAX_ATTEMPTS = 10;

/** The SDK's verdict for a status (src/delivery/retry.ts verdictFor); 0 is a network error or a timeout. */
export function verdictFor(status) {
  if (status >= 200 && status < 300) return 'done';
  if (status === 400 || status === 413) return 'split';
  return [0, 408, 410, 429, 460].includes(status) || (status >= 500 && ![501, 505, 511].includes(status)) ? 'retry' : 'drop';
}

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The events a request carried, whatever its answer, shaped as the viewer reads them: a batch's items or the body as one
 * event, with `messageId` (Segment's, or Customer.io's `id`) and `type` (Customer.io's `action` for a person item).
 * Items without an id (a Track API identify has none) cannot be followed and are left out.
 */
export function carriedEvents(record) {
  const body = isPlainObject(record.body) ? record.body : {};
  const items = Array.isArray(body.batch) ? body.batch : [body];
  const carried = items
    .filter(isPlainObject)
    .map((item) => {
      const { writeKey: _key, ...rest } = item;
      return { ...rest, type: item.action ?? item.type, messageId: item.messageId ?? item.id };
    })
    .filter((event) => typeof event.messageId === 'string' && event.messageId !== '');
  const ids = new Set(carried.map((event) => event.messageId));
  // Accepted events the body does not show (a record made without a body): they were carried too.
  return carried.concat((record.events ?? []).filter((event) => typeof event.messageId === 'string' && !ids.has(event.messageId)));
}

const answer = (status) => (status ? String(status) : 'no answer');

/**
 * The next delivery state of one event after a request that carried it: `{ attempts, failures, status, state, note }`,
 * where state is 'delivered', 'retrying', 'gave up' or 'refused', and note says it in words. `attempts` counts the
 * requests that carried it; `failures` the answers the SDK retries after, which it stops at SDK_MAX_ATTEMPTS.
 * `accepted`: the service kept this event; `alone`: the request carried only it; `rejected`: why a 2xx kept nothing.
 * @example nextDelivery(undefined, { status: 0, accepted: false, alone: true }).note // 'attempt 1 failed (no answer): the SDK retries'
 * @param {any} previous the state so far (undefined before the first request)
 * @param {{ status: number, accepted: boolean, alone: boolean, rejected?: string }} request
 */
export function nextDelivery(previous, { status, accepted, alone, rejected }) {
  const attempts = (previous?.attempts ?? 0) + 1;
  const verdict = verdictFor(status);
  const failures = (previous?.failures ?? 0) + (!accepted && verdict === 'retry' ? 1 : 0);
  const made = (state, note) => ({ attempts, failures, status, state, note });
  // A resend of a delivered event (a keepalive whose answer the page never saw) is a duplicate: still delivered.
  if (previous?.state === 'delivered') return { ...previous, attempts };
  if (accepted) return made('delivered', attempts > 1 ? `delivered after ${attempts} attempts` : 'delivered');
  if (rejected) return made('refused', `answered ${status} but not kept (${rejected})`);
  if (verdict === 'done') return made('refused', `refused item by item (${status}): the SDK drops it`);
  if (verdict === 'retry') {
    return failures >= SDK_MAX_ATTEMPTS
      ? made('gave up', `the SDK gave up after ${failures} failed attempts (last: ${answer(status)})`)
      : made('retrying', `attempt ${attempts} failed (${answer(status)}): the SDK retries`);
  }
  if (verdict === 'split' && !alone) return made('retrying', `refused with its batch (${status}): the SDK resends it in smaller batches`);
  return made('refused', `refused (${status}): the SDK drops it`);
}
