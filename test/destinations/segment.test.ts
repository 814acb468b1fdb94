import { describe, expect, it } from 'vitest';
import { SEGMENT_LIMITS, createSegmentDestination } from '../../src/destinations/segment';
import type { TallyEvent } from '../../src/event/types';
import { trackEvent } from '../helpers/events';

const SENT_AT = '2024-05-06T07:08:09.123Z';
const encoder = new TextEncoder();

const event = (messageId: string, properties: Record<string, unknown> = {}): TallyEvent =>
  trackEvent({ event: 'Clicked', messageId, timestamp: '2024-05-06T07:08:00.000Z', anonymousId: 'anon', properties });
/** An event whose JSON is exactly `bytes` bytes. */
function sized(messageId: string, bytes: number): TallyEvent {
  const base = JSON.stringify(event(messageId, { pad: '' })).length;
  const result = event(messageId, { pad: 'x'.repeat(bytes - base) });
  expect(JSON.stringify(result).length).toBe(bytes);
  return result;
}

const segment = createSegmentDestination({ writeKey: 'WK"1', apiHost: 'https://api.segment.io/v1' });

describe('createSegmentDestination', () => {
  it('is named Segment.io unless told otherwise', () => {
    expect(segment.name).toBe('Segment.io');
    expect(createSegmentDestination({ writeKey: 'k', apiHost: 'https://cdp.customer.io/v1', name: 'Customer.io' }).name).toBe(
      'Customer.io',
    );
  });

  it('posts exactly {batch, sentAt, writeKey} to apiHost/batch as text/plain without Authorization', () => {
    const events = [event('m1', { a: 1 }), event('m2')];
    const { requests, rejected } = segment.toRequests(events, SENT_AT);
    expect(rejected).toEqual([]);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request.url).toBe('https://api.segment.io/v1/batch');
    expect(request.headers).toEqual({ 'Content-Type': 'text/plain' });
    expect(JSON.parse(request.body)).toEqual({ batch: events, sentAt: SENT_AT, writeKey: 'WK"1' });
    expect(Object.keys(JSON.parse(request.body))).toEqual(['batch', 'sentAt', 'writeKey']);
    expect(request.messageIds).toEqual(['m1', 'm2']);
  });

  it('bytes is the UTF-8 byte length of the body', () => {
    const { requests } = segment.toRequests([event('m1', { name: 'Zoë 😀 中文' }), event('m2')], SENT_AT);
    expect(requests[0].bytes).toBe(encoder.encode(requests[0].body).length);
    expect(requests[0].bytes).toBeGreaterThan(requests[0].body.length);
  });

  it('uses the Segment limits: 32 KB an event, 500 KB and 2,500 events a batch', () => {
    expect(SEGMENT_LIMITS).toEqual({ maxItemBytes: 32768, maxBatchBytes: 512000, maxBatchItems: 2500 });
  });

  it('rejects an event over 32 KB with the reason and sends the rest', () => {
    const { requests, rejected } = segment.toRequests([event('ok1'), sized('big', 32769), sized('max', 32768)], SENT_AT);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].messageId).toBe('big');
    expect(rejected[0].reason).toBe('it is 32769 bytes, over the limit of 32768');
    expect(requests.flatMap((r) => r.messageIds)).toEqual(['ok1', 'max']);
  });

  it('rejects an event that cannot be serialised', () => {
    const cyclic = event('loop');
    (cyclic.properties as Record<string, unknown>).self = cyclic;
    const { requests, rejected } = segment.toRequests([cyclic, event('ok')], SENT_AT);
    expect(rejected.map((r) => r.messageId)).toEqual(['loop']);
    expect(requests[0].messageIds).toEqual(['ok']);
  });

  it('splits requests so none is over 500 KB including the envelope', () => {
    const events = Array.from({ length: 40 }, (_, i) => sized(`m${i}`, 30_000));
    const { requests } = segment.toRequests(events, SENT_AT);
    expect(requests.length).toBe(3);
    for (const request of requests) {
      expect(request.bytes).toBeLessThanOrEqual(512_000);
      expect(request.bytes).toBe(encoder.encode(request.body).length);
      expect(JSON.parse(request.body).batch.map((e: TallyEvent) => e.messageId)).toEqual(request.messageIds);
    }
    expect(requests.flatMap((r) => r.messageIds)).toEqual(events.map((e) => e.messageId));
    // Full requests are as full as they can be: one more event would not have fitted.
    expect(requests[0].bytes + 30_001).toBeGreaterThan(512_000);
  });

  it('splits at 2,500 events', () => {
    const events = Array.from({ length: 2501 }, (_, i) => event(`m${i}`));
    expect(segment.toRequests(events, SENT_AT).requests.map((r) => r.messageIds.length)).toEqual([2500, 1]);
  });

  it('narrows the limits when asked (the keepalive budget at unload)', () => {
    const events = Array.from({ length: 10 }, (_, i) => sized(`m${i}`, 10_000));
    const { requests } = segment.toRequests(events, SENT_AT, { maxBatchBytes: 64 * 1024 });
    expect(requests.map((r) => r.messageIds.length)).toEqual([6, 4]);
    for (const request of requests) expect(request.bytes).toBeLessThanOrEqual(65_536);
  });

  it('makes no request for no events', () => {
    expect(segment.toRequests([], SENT_AT)).toEqual({ requests: [], rejected: [] });
  });
});
