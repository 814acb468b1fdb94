import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ulid, uuid } from '../../src/event/ids';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The millisecond time a ULID's first 10 characters encode. */
const decodeTime = (id: string) => [...id.slice(0, 10)].reduce((time, char) => time * 32 + CROCKFORD.indexOf(char), 0);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ulid', () => {
  it('is 26 Crockford base-32 characters', () => {
    for (let i = 0; i < 100; i++) expect(ulid()).toMatch(ULID);
  });

  it.each([0, 1, 1_700_000_000_000, Date.UTC(2099, 11, 31), 2 ** 48 - 1])('encodes %i ms in its time prefix', (ms) => {
    expect(decodeTime(ulid(ms))).toBe(ms);
  });

  it('encodes a known time as the spec example does', () => {
    // https://github.com/ulid/spec: 1469918176385 → 01ARYZ6S41
    expect(ulid(1469918176385).slice(0, 10)).toBe('01ARYZ6S41');
  });

  it('sorts by time across milliseconds', () => {
    const ids = [ulid(1000), ulid(1001), ulid(2000), ulid(1_700_000_000_000)];
    expect([...ids].sort()).toEqual(ids);
  });

  it('is monotonic within one millisecond: the random part counts up', () => {
    const ids = Array.from({ length: 50 }, () => ulid(1_700_000_000_123));
    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids.map((id) => id.slice(0, 10))).size).toBe(1);
  });

  it('is unique over 10,000 ids', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, (_, i) => ulid(now + Math.floor(i / 100))));
    expect(ids.size).toBe(10_000);
  });
});

describe('uuid', () => {
  it('returns crypto.randomUUID() when there is one', () => {
    vi.stubGlobal('crypto', {
      randomUUID: () => '11111111-2222-4333-8444-555555555555',
      getRandomValues: webcrypto.getRandomValues.bind(webcrypto),
    });
    expect(uuid()).toBe('11111111-2222-4333-8444-555555555555');
  });

  it('is a v4 UUID with the native one', () => {
    for (let i = 0; i < 50; i++) expect(uuid()).toMatch(UUID_V4);
  });

  it('builds a v4 UUID from getRandomValues without randomUUID (insecure contexts)', () => {
    const getRandomValues = vi.fn(<T extends ArrayBufferView | null>(array: T) => {
      (array as unknown as Uint8Array).fill(0xff);
      return array;
    });
    vi.stubGlobal('crypto', { getRandomValues });
    expect(uuid()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(getRandomValues).toHaveBeenCalled();
  });

  it('sets the version and variant bits from zero bytes too', () => {
    vi.stubGlobal('crypto', { getRandomValues: <T>(array: T) => array });
    expect(uuid()).toBe('00000000-0000-4000-8000-000000000000');
  });
});
