import { describe, expect, it } from 'vitest';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_EVENT_BYTES,
  handleSegmentRequest,
  matchSegmentPath,
  writeKeyFromAuthorization,
} from '../../collector/segment.mjs';

const event = (extra = {}) => ({ type: 'track', event: 'E', messageId: `m-${Math.random()}`, anonymousId: 'a', ...extra });
const raw = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const batch = (body: unknown, headers = {}) => handleSegmentRequest({ kind: 'batch', headers, raw: raw(body) });

describe('matchSegmentPath', () => {
  it('knows the long and one-letter paths', () => {
    expect(matchSegmentPath('/v1/batch')).toBe('batch');
    expect(matchSegmentPath('/v1/b')).toBe('batch');
    expect(matchSegmentPath('/v1/t')).toBe('track');
    expect(matchSegmentPath('/v1/alias')).toBe('alias');
    expect(matchSegmentPath('/v1/s')).toBe('screen');
    expect(matchSegmentPath('/v1/import')).toBeNull();
    expect(matchSegmentPath('/v2/t')).toBeNull();
  });
});

describe('writeKey', () => {
  it('reads Basic base64(writeKey:)', () => {
    expect(writeKeyFromAuthorization(`Basic ${Buffer.from('abc123:').toString('base64')}`)).toBe('abc123');
    expect(writeKeyFromAuthorization('Bearer token')).toBeUndefined();
  });

  it('prefers the body key and flags a disagreement with the header', () => {
    const auth = { authorization: `Basic ${Buffer.from('other:').toString('base64')}` };
    const result = batch({ writeKey: 'body-key', batch: [event()] }, auth);
    expect(result.writeKey).toBe('body-key');
    expect(result.problems).toEqual(['write_key_mismatch']);
  });

  it('falls back to the header and flags a request with no key', () => {
    const auth = { authorization: `Basic ${Buffer.from('hdr:').toString('base64')}` };
    expect(batch({ batch: [event()] }, auth).writeKey).toBe('hdr');
    expect(batch({ batch: [event()] }).problems).toEqual(['missing_write_key']);
  });
});

describe('handleSegmentRequest', () => {
  it('answers 200 {success:true} and returns the validated events', () => {
    const result = batch({ writeKey: 'k', batch: [event(), event({ messageId: undefined })] });
    expect(result.status).toBe(200);
    expect(result.answer).toEqual({ success: true });
    expect(result.events.map((e: { problems: string[] }) => e.problems)).toEqual([[], ['missing_message_id']]);
  });

  it('answers 400 on invalid JSON and keeps the raw text', () => {
    const result = batch('{"batch": [');
    expect(result.status).toBe(400);
    expect(result.body).toBe('{"batch": [');
    expect(result.events).toEqual([]);
  });

  it('merges batch-level context and integrations into each event, the event winning', () => {
    const result = batch({
      writeKey: 'k',
      context: { library: { name: 'tally' }, locale: 'en' },
      integrations: { All: true },
      batch: [event({ context: { locale: 'fr' } })],
    });
    expect(result.events[0].context).toEqual({ library: { name: 'tally' }, locale: 'fr' });
    expect(result.events[0].integrations).toEqual({ All: true });
  });

  it('accepts an event of exactly 32 KB and refuses one byte more with 400', () => {
    const sized = (bytes: number) => {
      const base = event({ messageId: 'fixed', properties: { pad: '' } });
      const pad = bytes - Buffer.byteLength(JSON.stringify(base));
      return { ...base, properties: { pad: 'x'.repeat(pad) } };
    };
    expect(Buffer.byteLength(JSON.stringify(sized(MAX_EVENT_BYTES)))).toBe(MAX_EVENT_BYTES);
    expect(batch({ writeKey: 'k', batch: [sized(MAX_EVENT_BYTES)] }).status).toBe(200);
    const over = batch({ writeKey: 'k', batch: [event(), sized(MAX_EVENT_BYTES + 1)] });
    expect(over.status).toBe(400);
    expect(over.events).toEqual([]);
  });

  it('refuses a single call whose body is over 32 KB', () => {
    const body = { writeKey: 'k', ...event({ properties: { pad: 'x'.repeat(MAX_EVENT_BYTES) } }) };
    expect(handleSegmentRequest({ kind: 'track', headers: {}, raw: raw(body) }).status).toBe(400);
  });

  it('refuses a batch over 500 KB with 400', () => {
    const pad = 'x'.repeat(20 * 1024);
    const events = Array.from({ length: Math.ceil(MAX_BATCH_BYTES / pad.length) + 1 }, () => event({ properties: { pad } }));
    expect(batch({ writeKey: 'k', batch: events }).status).toBe(400);
  });

  it('answers 200 to a batch of more than 2,500 events but accepts none of them', () => {
    const events = Array.from({ length: MAX_BATCH_EVENTS + 1 }, (_, i) => ({ type: 'track', event: 'E', messageId: `m${i}`, userId: 'u' }));
    const result = batch({ writeKey: 'k', batch: events });
    expect(result.status).toBe(200);
    expect(result.rejected).toBe('too_many_events');
    expect(result.events).toEqual([]);
    const atLimit = batch({ writeKey: 'k', batch: events.slice(0, MAX_BATCH_EVENTS) });
    expect(atLimit.events).toHaveLength(MAX_BATCH_EVENTS);
  });

  it('takes a single call as one event, without the writeKey, typed by its path', () => {
    const { type: _type, ...untyped } = event();
    const result = handleSegmentRequest({ kind: 'track', headers: {}, raw: raw({ writeKey: 'k', ...untyped }) });
    expect(result.writeKey).toBe('k');
    expect(result.events).toHaveLength(1);
    expect(result.events[0].writeKey).toBeUndefined();
    expect(result.events[0].problems).toEqual([]);
  });
});
