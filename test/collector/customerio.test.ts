// The collector's Customer.io emulation: paths, Basic auth, v1 and v2 shapes, limits, 207 partial failures, Pipelines.
import { describe, expect, it } from 'vitest';
import {
  MAX_BATCH_BYTES,
  REJECT_MARK,
  WRONG_API_KEY,
  handleCustomerioRequest,
  matchCustomerioPath,
  methodFor,
  pathIdentifiers,
  readBasicAuth,
} from '../../collector/customerio.mjs';

const ULID = '01HF7YAT00ABCDEFGHJKMNPQRS';
const auth = (siteId = 'site', apiKey = 'key') => ({ authorization: `Basic ${Buffer.from(`${siteId}:${apiKey}`).toString('base64')}` });
const send = (kind: string, body: unknown, headers: Record<string, string> = auth(), path = '') =>
  handleCustomerioRequest({ kind, headers, raw: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), path });
const item = (extra = {}) => ({
  type: 'person',
  identifiers: { email: 'a@x.io' },
  action: 'event',
  name: 'E',
  id: ULID,
  timestamp: 1_700_000_000,
  attributes: {},
  ...extra,
});

describe('paths and methods', () => {
  it('knows Track v1, v2 and the Pipelines prefix', () => {
    expect(matchCustomerioPath('/api/v1/customers/a%40x.io')).toBe('v1:identify');
    expect(matchCustomerioPath('/api/v1/customers/42/events')).toBe('v1:event');
    expect(matchCustomerioPath('/api/v1/events')).toBe('v1:anonymous');
    expect(matchCustomerioPath('/api/v2/batch')).toBe('v2:batch');
    expect(matchCustomerioPath('/api/v2/entity')).toBe('v2:entity');
    expect(matchCustomerioPath('/cdp/v1/batch')).toBe('cdp:batch');
    expect(matchCustomerioPath('/v1/batch')).toBeNull();
    expect(matchCustomerioPath('/api/v1/customers/a/b/events')).toBeNull();
    expect(methodFor('v1:identify')).toBe('PUT');
    expect(methodFor('v2:batch')).toBe('POST');
  });

  it('URL-decodes the identifier in a path and reads its type from its shape', () => {
    expect(pathIdentifiers('/api/v1/customers/a%2Bb%40x.io/events')).toEqual({ email: 'a+b@x.io' });
    expect(pathIdentifiers('/api/v1/customers/team%2F7')).toEqual({ id: 'team/7' });
    expect(pathIdentifiers('/api/v1/customers/cio_0301')).toEqual({ cio_id: '0301' });
  });
});

describe('auth', () => {
  it('reads Basic base64(siteId:apiKey)', () => {
    expect(readBasicAuth(auth('s', 'k').authorization)).toEqual({ siteId: 's', apiKey: 'k' });
    expect(readBasicAuth(`Basic ${Buffer.from('s:').toString('base64')}`)).toBeUndefined();
    expect(readBasicAuth('Bearer x')).toBeUndefined();
  });

  it('answers 401 without credentials or with the wrong key, and records nothing', () => {
    expect(send('v2:batch', { batch: [item()] }, {}).status).toBe(401);
    const wrong = send('v2:batch', { batch: [item()] }, auth('site', WRONG_API_KEY));
    expect(wrong.status).toBe(401);
    expect(wrong.events).toEqual([]);
  });
});

describe('v2 batch', () => {
  it('accepts valid items, records them under the siteId', () => {
    const result = send('v2:batch', {
      batch: [item(), item({ action: 'identify', name: undefined, id: undefined, attributes: { anonymous_id: 'anon' } })],
    });
    expect(result).toMatchObject({ status: 200, writeKey: 'site' });
    expect(result.events.map((event: any) => [event.type, event.problems])).toEqual([
      ['event', []],
      ['identify', []],
    ]);
    expect(result.events[0].messageId).toBe(ULID);
  });

  it('answers 207 for refused items (the marked one, bad identifiers) and keeps the rest', () => {
    const result = send('v2:batch', {
      batch: [item(), item({ attributes: { [REJECT_MARK]: true } }), item({ identifiers: { email: 'a', id: 'b' } })],
    });
    expect(result.status).toBe(207);
    expect(result.answer.errors.map((error: any) => [error.batch_index, error.reason])).toEqual([
      [1, 'marked_reject'],
      [2, 'invalid_identifiers'],
    ]);
    expect(result.events).toHaveLength(1);
  });

  it('flags ms timestamps, non-ULID ids, long names and attribute limits', () => {
    const attributes: Record<string, unknown> = { ['n'.repeat(151)]: 1, v: 'x'.repeat(1001) };
    for (let i = 0; i < 300; i++) attributes[`a${i}`] = i;
    const [event] = send('v2:batch', { batch: [item({ timestamp: 1_700_000_000_000, id: 'nope', name: 'n'.repeat(101) })] }).events;
    expect(event.problems).toEqual(['name_too_long', 'invalid_id', 'timestamp_in_ms']);
    const [person] = send('v2:batch', { batch: [item({ action: 'identify', attributes })] }).events;
    expect(person.problems).toEqual(['too_many_attributes', 'attribute_name_too_long', 'attribute_value_too_long']);
  });

  it('refuses a batch over 500 KB and an item over 32 KB', () => {
    expect(send('v2:batch', { batch: [item({ attributes: { a: 'x'.repeat(MAX_BATCH_BYTES) } })] }).status).toBe(400);
    const result = send('v2:batch', { batch: [item({ attributes: { a: 'x'.repeat(33 * 1024) } }), item()] });
    expect(result.status).toBe(207);
    expect(result.answer.errors[0]).toMatchObject({ batch_index: 0, reason: 'item_too_large' });
  });

  it('entity: one item; an invalid one is a 400', () => {
    expect(send('v2:entity', item()).status).toBe(200);
    expect(send('v2:entity', item({ name: '' })).status).toBe(400);
  });
});

describe('v1', () => {
  it('anonymous events need a name and carry an anonymous_id', () => {
    const ok = send('v1:anonymous', { anonymous_id: 'anon', name: 'Viewed', type: 'page', id: ULID, timestamp: 1_700_000_000, data: {} });
    expect(ok.status).toBe(200);
    expect(ok.events[0]).toMatchObject({ api: 'v1', type: 'page', anonymous_id: 'anon', problems: [] });
    expect(send('v1:anonymous', { name: 'X' }).events[0].problems).toEqual(['missing_anonymous_id']);
    expect(send('v1:anonymous', { anonymous_id: 'a' }).status).toBe(400);
    expect(send('v1:anonymous', { anonymous_id: 'a', name: 'X', data: { blob: 'x'.repeat(100_001) } }).status).toBe(400);
  });

  it('identify and person events read the person from the path', () => {
    const identify = send('v1:identify', { plan: 'pro' }, auth(), '/api/v1/customers/a%40x.io');
    expect(identify.events[0]).toMatchObject({ type: 'identify', identifiers: { email: 'a@x.io' }, attributes: { plan: 'pro' } });
    const tracked = send('v1:event', { name: 'E', timestamp: 1_700_000_000 }, auth(), '/api/v1/customers/42/events');
    expect(tracked.events[0]).toMatchObject({ type: 'event', identifiers: { id: '42' }, problems: [] });
  });
});

describe('Pipelines', () => {
  it('is the Segment batch format, keyed by the body writeKey', () => {
    const result = send('cdp:batch', { writeKey: 'cdp-key', batch: [{ type: 'track', event: 'E', messageId: 'm', anonymousId: 'a' }] }, {});
    expect(result).toMatchObject({ status: 200, writeKey: 'cdp-key' });
    expect(result.events[0]).toMatchObject({ type: 'track', problems: [] });
  });

  it('marks an alias inside /batch (its OpenAPI lists identify, track, page, screen, group) and takes one at /alias', () => {
    const alias = { type: 'alias', userId: 'u-2', previousId: 'u-1', messageId: 'm2', anonymousId: 'a' };
    const batched = send('cdp:batch', { writeKey: 'cdp-key', batch: [alias] }, {});
    expect(batched.events[0].problems).toContain('not_a_pipelines_batch_type');
    const own = send('cdp:alias', { writeKey: 'cdp-key', ...alias }, {});
    expect(own).toMatchObject({ status: 200, events: [{ type: 'alias', problems: [] }] });
  });
});
