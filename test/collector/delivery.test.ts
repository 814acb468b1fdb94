import { describe, expect, it } from 'vitest';
import { SDK_MAX_ATTEMPTS, carriedEvents, nextDelivery, verdictFor } from '../../collector/delivery.mjs';
import { createStore } from '../../collector/store.mjs';
import { MAX_ATTEMPTS, verdictFor as sdkVerdictFor } from '../../src/delivery/retry';

describe("the collector reads answers with the SDK's retry rules", () => {
  it('has the SDK verdict for every status and its attempt limit', () => {
    for (let status = 0; status < 600; status++) expect(verdictFor(status), String(status)).toBe(sdkVerdictFor(status));
    expect(SDK_MAX_ATTEMPTS).toBe(MAX_ATTEMPTS);
  });
});

describe('nextDelivery', () => {
  const run = (answers: Array<{ status: number; accepted?: boolean; alone?: boolean; rejected?: string }>) =>
    answers.reduce<any>((state, answer) => nextDelivery(state, { accepted: false, alone: true, ...answer }), undefined);

  it('a network failure is retried, then delivered: the note says after how many attempts', () => {
    expect(run([{ status: 0 }])).toMatchObject({ state: 'retrying', note: 'attempt 1 failed (no answer): the SDK retries' });
    expect(run([{ status: 0 }, { status: 503 }, { status: 200, accepted: true }])).toMatchObject({
      state: 'delivered',
      attempts: 3,
      note: 'delivered after 3 attempts',
    });
  });

  it('after the SDK’s last failed attempt, the SDK gave up: never retrying or queued', () => {
    const failures = Array.from({ length: SDK_MAX_ATTEMPTS }, () => ({ status: 0 }));
    expect(run(failures.slice(1))).toMatchObject({ state: 'retrying' });
    expect(run(failures)).toMatchObject({ state: 'gave up', note: 'the SDK gave up after 10 failed attempts (last: no answer)' });
    // A split batch does not count against the limit, as in the SDK.
    expect(run([{ status: 400, alone: false }, ...failures.slice(1)])).toMatchObject({ state: 'retrying', attempts: 10, failures: 9 });
  });

  it('final answers: refused at once, a batch split first', () => {
    expect(run([{ status: 401 }])).toMatchObject({ state: 'refused', note: 'refused (401): the SDK drops it' });
    expect(run([{ status: 400, alone: false }])).toMatchObject({ state: 'retrying', note: expect.stringContaining('smaller batches') });
    expect(run([{ status: 400, alone: false }, { status: 400 }])).toMatchObject({ state: 'refused' });
    expect(run([{ status: 207 }])).toMatchObject({ state: 'refused', note: 'refused item by item (207): the SDK drops it' });
    expect(run([{ status: 200, rejected: 'too_many_events' }])).toMatchObject({ state: 'refused' });
  });

  it('a resend of a delivered event stays delivered', () => {
    expect(
      run([
        { status: 200, accepted: true },
        { status: 200, accepted: true },
      ]),
    ).toMatchObject({ state: 'delivered', attempts: 2 });
  });
});

describe('carriedEvents', () => {
  it('reads Segment batches, Track API batches and single bodies, by messageId or id', () => {
    const segment = { body: { writeKey: 'K', batch: [{ type: 'track', event: 'A', messageId: 'm1' }] }, events: [] };
    expect(carriedEvents(segment)).toEqual([{ type: 'track', event: 'A', messageId: 'm1' }]);
    const track = {
      body: {
        batch: [
          { type: 'person', action: 'event', name: 'B', id: 'u1', identifiers: { email: 'a@b.c' } },
          { type: 'person', action: 'identify', identifiers: { email: 'a@b.c' } },
        ],
      },
      events: [],
    };
    expect(carriedEvents(track)).toEqual([
      { type: 'event', action: 'event', name: 'B', id: 'u1', messageId: 'u1', identifiers: { email: 'a@b.c' } },
    ]);
    expect(carriedEvents({ body: { anonymous_id: 'x', type: 'page', name: 'https://a.test/', id: 'u2' }, events: [] })).toMatchObject([
      { type: 'page', messageId: 'u2' },
    ]);
    expect(carriedEvents({ body: null, events: [] })).toEqual([]);
  });
});

describe('the store follows each event through its delivery', () => {
  const customerio = (status: number, kept: boolean, extra = {}) => ({
    destination: 'customerio',
    method: 'POST',
    path: '/api/v1/events',
    headers: {},
    status,
    writeKey: 'site',
    body: { anonymous_id: 'x', type: 'event', name: 'Signed Up', id: 'ID1' },
    events: kept ? [{ api: 'v1', type: 'event', name: 'Signed Up', messageId: 'ID1', problems: [] }] : [],
    ...extra,
  });

  it('a failed request shows its event by name with the state; the retry that lands marks it delivered', () => {
    const store = createStore();
    const failed = store.record(customerio(0, false, { fault: 1, reset: true }));
    expect(failed.carried).toMatchObject([{ name: 'Signed Up', messageId: 'ID1' }]);
    expect(failed.deliveries.ID1).toMatchObject({ state: 'retrying', note: 'attempt 1 failed (no answer): the SDK retries' });
    const landed = store.record(customerio(200, true));
    expect(landed.carried).toEqual([]);
    expect(landed.deliveries.ID1).toMatchObject({ state: 'delivered', note: 'delivered after 2 attempts' });
    expect(landed.events[0].attempt).toBe(2);
  });

  it('ten network failures: the SDK gave up', () => {
    const store = createStore();
    let last: any;
    for (let i = 0; i < SDK_MAX_ATTEMPTS; i++) last = store.record(customerio(0, false, { fault: i + 1, reset: true }));
    expect(last.deliveries.ID1.state).toBe('gave up');
    store.reset('site');
    expect(store.record(customerio(0, false)).deliveries.ID1.attempts).toBe(1);
  });
});
