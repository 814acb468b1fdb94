import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type DispatcherOptions } from '../../src/delivery/dispatcher';
import { createMemoryQueue } from '../../src/delivery/queue';
import { createSegmentDestination } from '../../src/destinations/segment';
import type { DeliveryError } from '../../src/errors';
import type { TallyEvent } from '../../src/event/types';
import { trackEvent } from '../helpers/events';
import { createRecordingTransport, type Answerer, type FakeAnswer } from '../helpers/transport';

const KEEPALIVE = 64 * 1024;

const event = (messageId: string, pad = 0): TallyEvent => trackEvent({ messageId, properties: pad ? { pad: 'x'.repeat(pad) } : {} });

/** A transport that answers from `answer`, records every request, and keeps a keepalive budget as fetch does. */
const fakeTransport = (answer?: Answerer) => createRecordingTransport(answer, { keepalive: 'budget', budget: KEEPALIVE });

function setup(answer?: Answerer, overrides: Partial<DispatcherOptions> = {}) {
  const transport = fakeTransport(answer);
  const queue = createMemoryQueue();
  const drops: Array<{ error: DeliveryError; event: TallyEvent }> = [];
  const dispatcher = createDispatcher({
    destination: createSegmentDestination({ writeKey: 'WK', apiHost: 'https://api.test/v1' }),
    queue,
    transport,
    flushAt: 20,
    flushIntervalMs: 5000,
    random: () => 0.5, // no jitter: backoff is 500 ms, 1 s, 2 s, ...
    onDrop: (error, dropped) => drops.push({ error, event: dropped }),
    ...overrides,
  });
  return { dispatcher, queue, sent: transport.sent, drops };
}

const enqueue = (dispatcher: { enqueue(event: TallyEvent): void }, count: number, prefix = 'm') => {
  for (let i = 0; i < count; i++) dispatcher.enqueue(event(`${prefix}${i}`));
};

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.UTC(2024, 0, 1));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('when to flush', () => {
  it('flushAt triggers a flush, but off the caller’s stack', async () => {
    const { dispatcher, sent } = setup(undefined, { flushAt: 3 });
    enqueue(dispatcher, 3);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.ids)).toEqual([['m0', 'm1', 'm2']]);
  });

  it('flushInterval sends what waits, counted from the first queued event', async () => {
    const { dispatcher, sent } = setup();
    dispatcher.enqueue(event('a'));
    await vi.advanceTimersByTimeAsync(4000);
    dispatcher.enqueue(event('b'));
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => s.ids)).toEqual([['a', 'b']]);
  });

  it('sends 100 events in one request, and acks them on 2xx', async () => {
    const { dispatcher, sent } = setup(() => ({ status: 200 }), { flushAt: 1000 });
    enqueue(dispatcher, 100);
    await dispatcher.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0].ids).toHaveLength(100);
    expect(JSON.parse(sent[0].request.body).batch).toHaveLength(100);
    expect(dispatcher.stats()).toEqual({ queued: 0, sent: 100, retried: 0, dropped: {} });
  });

  it('flush() with nothing queued sends nothing', async () => {
    const { dispatcher, sent } = setup();
    await dispatcher.flush();
    expect(sent).toHaveLength(0);
  });

  it('sends nothing while offline, and everything once back online', async () => {
    let online = false;
    const { dispatcher, sent } = setup(undefined, { isOnline: () => online, flushAt: 1 });
    enqueue(dispatcher, 2);
    await vi.advanceTimersByTimeAsync(60_000);
    await dispatcher.flush();
    expect(sent).toHaveLength(0);
    expect(dispatcher.stats().queued).toBe(2);
    online = true;
    await dispatcher.flush();
    expect(sent.flatMap((s) => s.ids)).toEqual(['m0', 'm1']);
    expect(dispatcher.stats().queued).toBe(0);
  });
});

describe('retries', () => {
  it('retries a 500 after the backoff, then acks', async () => {
    const { dispatcher, sent } = setup((_request, index) => ({ status: index === 0 ? 500 : 200 }));
    enqueue(dispatcher, 2);
    await dispatcher.flush();
    expect(sent).toHaveLength(1);
    expect(dispatcher.stats()).toMatchObject({ queued: 2, sent: 0, retried: 2 });
    await vi.advanceTimersByTimeAsync(499);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    expect(sent[1].ids).toEqual(['m0', 'm1']);
    expect(dispatcher.stats()).toMatchObject({ queued: 0, sent: 2, retried: 2 });
  });

  it('doubles the backoff on each failure (500 ms, then 1 s)', async () => {
    const { dispatcher, sent } = setup((_request, index) => ({ status: index < 2 ? 503 : 200 }));
    dispatcher.enqueue(event('a'));
    await dispatcher.flush();
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(3);
  });

  it('retries a network error (status 0)', async () => {
    const { dispatcher, sent } = setup((_request, index) => ({ status: index === 0 ? 0 : 200 }));
    dispatcher.enqueue(event('a'));
    await dispatcher.flush();
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(2);
    expect(dispatcher.stats()).toMatchObject({ queued: 0, sent: 1 });
  });

  it('honours Retry-After on a 429', async () => {
    const { dispatcher, sent } = setup((_request, index) => (index === 0 ? { status: 429, retryAfter: '10' } : { status: 200 }));
    dispatcher.enqueue(event('a'));
    await dispatcher.flush();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
  });

  it('gives up after MAX_ATTEMPTS (10) and reports the drop once', async () => {
    const { dispatcher, sent, drops } = setup(() => ({ status: 500 }));
    dispatcher.enqueue(event('a'));
    await dispatcher.flush();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(sent).toHaveLength(10);
    expect(drops).toHaveLength(1);
    expect(drops[0].event.messageId).toBe('a');
    expect(drops[0].error.reason).toBe('gave up after 10 attempts (last answer: 500)');
    expect(drops[0].error.destination).toBe('Segment.io');
    expect(dispatcher.stats()).toMatchObject({
      queued: 0,
      sent: 0,
      retried: 9,
      dropped: { 'gave up after 10 attempts (last answer: 500)': 1 },
    });
  });

  it('drops a batch on a non-retryable 4xx, reporting each event', async () => {
    const { dispatcher, drops } = setup(() => ({ status: 403 }));
    enqueue(dispatcher, 2);
    await dispatcher.flush();
    expect(drops.map((d) => [d.event.messageId, d.error.reason])).toEqual([
      ['m0', 'the service answered 403'],
      ['m1', 'the service answered 403'],
    ]);
    expect(dispatcher.stats()).toMatchObject({ queued: 0, dropped: { 'the service answered 403': 2 } });
  });
});

describe('400/413: split in halves until the bad event is alone', () => {
  it('drops only the bad event and delivers the rest', async () => {
    const { dispatcher, sent, drops } = setup((request) => ({ status: request.messageIds.includes('m5') ? 400 : 200 }));
    enqueue(dispatcher, 8);
    await dispatcher.flush();
    // Depth first: m0-m3 pass; m4-m7 fail; m4-m5 fail; m4 passes, m5 alone fails; then m6-m7.
    expect(sent.map((s) => s.ids.length)).toEqual([8, 4, 4, 2, 1, 1, 2]);
    expect(sent[5].ids).toEqual(['m5']);
    expect(drops.map((d) => d.event.messageId)).toEqual(['m5']);
    expect(drops[0].error.reason).toBe('the service answered 400');
    expect(dispatcher.stats()).toMatchObject({ queued: 0, sent: 7, dropped: { 'the service answered 400': 1 } });
  });

  it('splits a 413 the same way', async () => {
    const { dispatcher, drops } = setup((request) => ({ status: request.messageIds.includes('m0') ? 413 : 200 }));
    enqueue(dispatcher, 3);
    await dispatcher.flush();
    expect(drops.map((d) => d.event.messageId)).toEqual(['m0']);
    expect(dispatcher.stats().sent).toBe(2);
  });

  // When the first half of a split batch is backed off (a 5xx/429), the second half is released to wait too,
  // not left leased until the page unloads.
  it('a half that is backed off does not strand the other half', async () => {
    const statuses = [400, 500];
    const { dispatcher, sent } = setup((_request, index) => ({ status: statuses[index] ?? 200 }));
    enqueue(dispatcher, 4);
    await dispatcher.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    // Sent: [m0-m3] 400, [m0,m1] 500, then after the backoff [m0,m1] 200 — and [m2,m3] never again.
    expect(sent.filter((s) => s.ids.includes('m3')).length).toBeGreaterThan(1);
    expect(dispatcher.stats()).toMatchObject({ queued: 0, sent: 4 });
  });
});

describe('a 404', () => {
  it('says to check the apiHost, naming the URL posted to; identify is named by its person', async () => {
    const { dispatcher, drops } = setup(() => ({ status: 404 }));
    dispatcher.enqueue({ ...event('who'), type: 'identify', userId: 'user-123' });
    await dispatcher.flush();
    expect(drops[0].error.message).toMatch(
      /^Segment\.io dropped identify user-123 \(who\): the service answered 404 at \S+\/batch: check the destination's apiHost \(tally posts to <apiHost>\/batch\)$/,
    );
  });
});

describe('rejected events', () => {
  it('an event over 32 KB is dropped with its size, the others sent', async () => {
    const { dispatcher, sent, drops } = setup();
    dispatcher.enqueue(event('big', 33_000));
    dispatcher.enqueue(event('ok'));
    await dispatcher.flush();
    expect(sent.flatMap((s) => s.ids)).toEqual(['ok']);
    expect(drops.map((d) => d.event.messageId)).toEqual(['big']);
    expect(drops[0].error.reason).toMatch(/^it is \d+ bytes, over the limit of 32768$/);
    expect(dispatcher.stats().dropped).toEqual({ 'over the size limit': 1 });
  });
});

describe('unload', () => {
  it('sends only what fits the keepalive budget and leaves the rest queued', async () => {
    const { dispatcher, sent } = setup(undefined, { flushAt: 1000 });
    for (let i = 0; i < 10; i++) dispatcher.enqueue(event(`m${i}`, 10_000));
    dispatcher.unload();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    expect(sent[0].keepalive).toBe(true);
    expect(sent[0].request.bytes).toBeLessThanOrEqual(KEEPALIVE);
    expect(sent[0].ids).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(dispatcher.stats()).toMatchObject({ queued: 4, sent: 6 });
    // What was left is not leased: a later flush (or the next page) sends it.
    await dispatcher.flush();
    expect(sent.at(-1)!.ids).toEqual(['m6', 'm7', 'm8', 'm9']);
    expect(dispatcher.stats().queued).toBe(0);
  });

  it('resends events in flight without keepalive', async () => {
    let release: (response: FakeAnswer) => void = () => {};
    const transport = fakeTransport((_request, index) =>
      index === 0
        ? new Promise((resolve) => {
            release = resolve;
          })
        : { status: 200 },
    );
    const { sent } = transport;
    const firstSend = transport.send.bind(transport);
    // The first request went out too large for keepalive (the budget was taken by other requests).
    transport.send = (request) => ({ ...firstSend(request), keepalive: sent.length > 1 });
    const dispatcher = createDispatcher({
      destination: createSegmentDestination({ writeKey: 'WK', apiHost: 'https://api.test/v1' }),
      queue: createMemoryQueue(),
      transport,
      flushAt: 1,
      flushIntervalMs: 5000,
    });
    dispatcher.enqueue(event('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    dispatcher.unload();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.ids)).toEqual([['a'], ['a']]);
    release({ status: 200 });
    await vi.advanceTimersByTimeAsync(0);
    expect(dispatcher.stats().queued).toBe(0);
  });

  /** A memory queue that records what unload handed off. */
  function handOffQueue() {
    const queue = createMemoryQueue();
    const handedOff: string[][] = [];
    return { queue: Object.assign(queue, { handedOff: (ids: string[]) => void handedOff.push(ids) }), handedOff };
  }

  it('leaving (pagehide) with the service answering: what this pass hands to keepalive is handed off, not requests sent earlier', async () => {
    let release: (response: FakeAnswer) => void = () => {};
    const { queue, handedOff } = handOffQueue();
    const { dispatcher, sent } = setup(
      (_request, index) =>
        index === 0
          ? new Promise((resolve) => {
              release = resolve;
            })
          : { status: 200 },
      { queue, flushAt: 2 },
    );
    enqueue(dispatcher, 2, 'early');
    await vi.advanceTimersByTimeAsync(0);
    dispatcher.enqueue(event('late'));
    dispatcher.unload(true);
    await vi.advanceTimersByTimeAsync(0);
    // The earlier request may hang on a broken server: only what this pass sent is taken as delivered.
    expect(sent.map((s) => s.ids)).toEqual([['early0', 'early1'], ['late']]);
    expect(handedOff).toEqual([['late']]);
    release({ status: 200 });
    await vi.advanceTimersByTimeAsync(0);
    expect(dispatcher.stats()).toMatchObject({ queued: 0, sent: 3 });
  });

  /** A dispatcher whose first round's request (`early0`, `early1`, with keepalive) waits for `answer`. */
  async function roundInFlight() {
    const pending: { answer: (response: FakeAnswer) => void } = { answer: () => {} };
    const { queue, handedOff } = handOffQueue();
    const { dispatcher, sent } = setup(
      (_request, index) =>
        index === 0
          ? new Promise((resolve) => {
              pending.answer = resolve;
            })
          : { status: 200 },
      { queue, flushAt: 2 },
    );
    enqueue(dispatcher, 2, 'early');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => [s.ids, s.keepalive])).toEqual([[['early0', 'early1'], true]]);
    return { dispatcher, sent, handedOff, pending };
  }

  it("entering the back/forward cache (a link followed, WebKit) hands off a round's keepalive request too: not sent twice", async () => {
    const { dispatcher, sent, handedOff, pending } = await roundInFlight();
    dispatcher.unload('cached');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    expect(handedOff).toEqual([['early0', 'early1']]);
    // Restored, the page reads a network error (the browser delivered it while the page was frozen): taken as delivered.
    pending.answer({ status: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(dispatcher.stats()).toMatchObject({ queued: 0, retried: 0 });
  });

  it('a page restored from the back/forward cache that reads a failure for a handed-off round retries it', async () => {
    const { dispatcher, pending } = await roundInFlight();
    dispatcher.unload('cached');
    await vi.advanceTimersByTimeAsync(0);
    pending.answer({ status: 503 });
    await vi.advanceTimersByTimeAsync(0);
    expect(dispatcher.stats()).toMatchObject({ queued: 2, retried: 2 });
  });

  it("a page being unloaded (not cached) leaves a round's unanswered request leased: the server may hang", async () => {
    const { dispatcher, handedOff } = await roundInFlight();
    dispatcher.unload(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(handedOff).toEqual([[]]);
  });

  it('after the service failed, neither a tab switch nor leaving hands anything off', async () => {
    const { queue, handedOff } = handOffQueue();
    const { dispatcher, sent } = setup((_request, index) => (index === 0 ? { status: 503 } : { status: 200 }), { queue, flushAt: 1000 });
    dispatcher.enqueue(event('a'));
    await dispatcher.flush();
    expect(sent).toHaveLength(1);
    // The 503 made the service unhealthy (its retry waits 500 ms): the next page view may resend what keepalive carries now.
    dispatcher.enqueue(event('b'));
    dispatcher.unload(false);
    dispatcher.unload(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.length).toBeGreaterThan(1);
    expect(handedOff).toEqual([]);
  });

  it('a tab switch hands off what it sends (the tab may be closed without a pagehide), and a network error is then retried', async () => {
    const { queue, handedOff } = handOffQueue();
    const { dispatcher } = setup(() => ({ status: 0 }), { queue, flushAt: 1000 });
    dispatcher.enqueue(event('switched'));
    dispatcher.unload(false);
    expect(handedOff).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(handedOff).toEqual([['switched']]);
    // The page lived on: its answer counts as usual.
    expect(dispatcher.stats()).toMatchObject({ queued: 1, retried: 1 });
  });

  it('a network error on what a leaving page handed off is taken as delivered', async () => {
    const { queue } = handOffQueue();
    const { dispatcher, sent } = setup(() => ({ status: 0 }), { queue, flushAt: 1000 });
    dispatcher.enqueue(event('left'));
    dispatcher.unload(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.ids)).toEqual([['left']]);
    expect(dispatcher.stats()).toMatchObject({ queued: 0, retried: 0 });
  });

  it('a tab close that hides first (Firefox: visibilitychange, then pagehide): what the hidden pass sent counts as delivered on a network error', async () => {
    let release: (response: FakeAnswer) => void = () => {};
    const { queue, handedOff } = handOffQueue();
    const { dispatcher } = setup(
      () =>
        new Promise((resolve) => {
          release = resolve;
        }),
      { queue, flushAt: 1000 },
    );
    dispatcher.enqueue(event('closing'));
    dispatcher.unload(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(handedOff).toEqual([['closing']]);
    dispatcher.unload(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(handedOff).toEqual([['closing'], ['closing']]);
    // Its network error, seen by a page restored from the back/forward cache, is taken as delivered.
    release({ status: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(dispatcher.stats()).toMatchObject({ queued: 0, retried: 0 });
  });

  it('a round whose storage answered after unload does not send again what unload handed to keepalive', async () => {
    let answerTake: () => void = () => {};
    const inner = createMemoryQueue();
    // take() leases at once but answers later, as IndexedDB does.
    const queue = Object.assign(Object.create(inner), {
      take: (max: number, at: number) => {
        const items = inner.take(max, at);
        return new Promise((resolve) => {
          answerTake = () => resolve(items);
        });
      },
    });
    const { dispatcher, sent } = setup(undefined, { queue, flushAt: 1 });
    dispatcher.enqueue(event('raced'));
    await vi.advanceTimersByTimeAsync(0); // the round is waiting for storage, its item leased
    const unloading = inner.take.bind(inner);
    queue.take = (max: number, at: number) => unloading(max, at);
    dispatcher.unload(true);
    await vi.advanceTimersByTimeAsync(0);
    answerTake();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.ids)).toEqual([['raced']]);
  });

  it('a round waiting out its request gap when the page hides does not send again what the unload pass sent', async () => {
    // One event per request with a gap between requests, as Customer.io's Track API.
    const segment = createSegmentDestination({ writeKey: 'WK', apiHost: 'https://api.test/v1' });
    const perEvent = {
      ...segment,
      requestGapMs: 100,
      toRequests: (events: TallyEvent[], sentAt: string) => segment.toRequests(events, sentAt, { maxBatchItems: 1 }),
    };
    const { dispatcher, sent, queue } = setup(undefined, { destination: perEvent, flushAt: 3 });
    enqueue(dispatcher, 3);
    await vi.advanceTimersByTimeAsync(0); // the round sent m0, was answered, and waits 100 ms before m1
    expect(sent.map((s) => s.ids)).toEqual([['m0']]);
    dispatcher.unload(true); // the page leaves during the gap: m1 and m2 go in keepalive now
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.ids)).toEqual([['m0'], ['m1'], ['m2']]);
    await vi.advanceTimersByTimeAsync(1000); // the round's gap ends: nothing more goes out
    expect(sent.map((s) => s.ids)).toEqual([['m0'], ['m1'], ['m2']]);
    expect(queue.size()).toBe(0);
  });

  it('sends nothing when nothing waits', async () => {
    const { dispatcher, sent } = setup();
    dispatcher.unload();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(0);
  });
});

describe('stats and results', () => {
  it('counts queued, sent, retried and dropped, and tells onResult of each request', async () => {
    const results: number[] = [];
    const { dispatcher } = setup(
      (request) => {
        if (request.messageIds.includes('bad')) return { status: 404 };
        return { status: request.messageIds.includes('slow') ? 503 : 200 };
      },
      {
        onResult: (_request, response) => results.push(response.status),
      },
    );
    dispatcher.enqueue(event('ok'));
    await dispatcher.flush();
    dispatcher.enqueue(event('bad'));
    await dispatcher.flush();
    dispatcher.enqueue(event('slow'));
    await dispatcher.flush();
    expect(results).toEqual([200, 404, 503]);
    // stats() keys are the reasons as said, never with a placeholder; the 404's message points at apiHost.
    expect(dispatcher.stats()).toEqual({ queued: 1, sent: 1, retried: 1, dropped: { 'the service answered 404': 1 } });
    expect(JSON.stringify(dispatcher.stats())).not.toMatch(/\bN\b/);
    expect(dispatcher.name).toBe('Segment.io');
  });

  it('returns a copy of the drop counts', () => {
    const { dispatcher } = setup();
    const stats = dispatcher.stats();
    stats.dropped.x = 1;
    expect(dispatcher.stats().dropped).toEqual({});
  });
});
