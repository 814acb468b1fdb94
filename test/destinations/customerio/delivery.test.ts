// The seams Customer.io adds: prepare() may skip an event, and a destination's requestGapMs paces its requests.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../src/delivery/dispatcher';
import { createMemoryQueue } from '../../../src/delivery/queue';
import { createPipeline, type Context } from '../../../src/pipeline/pipeline';
import type { Buffer } from '../../../src/delivery/buffer';
import type { Destination } from '../../../src/destinations/destination';
import type { Call, TallyEvent } from '../../../src/event/types';
import type { Route } from '../../../src/pipeline/route';
import { createClock } from '../../helpers/clock';
import { trackEvent } from '../../helpers/events';
import { createRecordingTransport } from '../../helpers/transport';

afterEach(() => vi.useRealTimers());

/** A destination that sends one request per event. */
const perEvent = (requestGapMs?: number): Destination => ({
  name: 'Customer.io',
  requestGapMs,
  toRequests: (events) => ({
    requests: events.map((event) => ({ url: `/e/${event.messageId}`, body: '{}', headers: {}, messageIds: [event.messageId], bytes: 2 })),
    rejected: [],
  }),
});
const event = (messageId: string): TallyEvent => trackEvent({ messageId });

describe('requestGapMs', () => {
  it('waits the gap between two requests of one destination', async () => {
    vi.useFakeTimers();
    const clock = createClock(1000);
    const transport = createRecordingTransport();
    const sent = () => transport.requests.map((request) => request.url);
    const dispatcher = createDispatcher({
      destination: perEvent(10),
      queue: createMemoryQueue(),
      transport,
      flushAt: 100,
      flushIntervalMs: 60_000,
      now: clock.now,
    });
    ['a', 'b', 'c'].forEach((id) => dispatcher.enqueue(event(id)));
    const flushed = dispatcher.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent()).toEqual(['/e/a']);
    clock.advance(5);
    await vi.advanceTimersByTimeAsync(5);
    expect(sent()).toEqual(['/e/a']);
    clock.advance(5);
    await vi.advanceTimersByTimeAsync(5);
    expect(sent()).toEqual(['/e/a', '/e/b']);
    clock.advance(10);
    await vi.advanceTimersByTimeAsync(10);
    await flushed;
    expect(sent()).toEqual(['/e/a', '/e/b', '/e/c']);
  });
});

describe('prepare returning undefined', () => {
  it('keeps the event out of that destination only', () => {
    const queued: Record<string, TallyEvent[]> = { 'Segment.io': [], 'Customer.io': [] };
    const route = (destination: Destination): Route => ({
      destination,
      buffer: {} as Buffer, // the pipeline only enqueues
      dispatcher: { name: destination.name, enqueue: (e: TallyEvent) => queued[destination.name].push(e) } as any,
    });
    const pipeline = createPipeline({
      identity: () => ({ anonymousId: 'a', userId: null, traits: {}, groupId: null, groupTraits: {} }),
      page: () => ({ pathname: '/', href: 'http://x/', search: '', title: '', referrer: '' }),
      device: {},
      integrations: {},
      gates: [],
      routes: [
        route({ ...perEvent(), name: 'Segment.io' }),
        route({ ...perEvent(), prepare: (e) => (e.type === 'alias' ? undefined : e) }),
      ],
    });
    // Without gates, the pipeline answers at once.
    const run = (call: Call) => pipeline(call) as Context;
    expect(run({ type: 'alias', userId: 'u', previousId: 'p', options: {} }).destinations).toEqual(['Segment.io']);
    expect(run({ type: 'track', event: 'E', options: {} }).destinations).toEqual(['Segment.io', 'Customer.io']);
    expect(queued['Customer.io'].map((e) => e.type)).toEqual(['track']);
    expect(queued['Segment.io'].map((e) => e.type)).toEqual(['alias', 'track']);
  });
});
