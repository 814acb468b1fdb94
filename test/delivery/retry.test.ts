import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, RETRY_AFTER_MAX_MS, backoffMs, parseRetryAfter, verdictFor } from '../../src/delivery/retry';

describe('verdictFor', () => {
  // analytics-next 1.84's table (shared-dispatcher.ts DEFAULT_STATUS_CODE_OVERRIDES, 5xx retry), with 400/413 split.
  it.each([
    [200, 'done'],
    [201, 'done'],
    [204, 'done'],
    [207, 'done'],
    [299, 'done'],
    [0, 'retry'],
    [408, 'retry'],
    [410, 'retry'],
    [429, 'retry'],
    [460, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [599, 'retry'],
    [501, 'drop'],
    [505, 'drop'],
    [511, 'drop'],
    [400, 'split'],
    [413, 'split'],
    [401, 'drop'],
    [403, 'drop'],
    [404, 'drop'],
    [422, 'drop'],
    [302, 'drop'],
    [100, 'drop'],
  ] as const)('%i → %s', (status, verdict) => {
    expect(verdictFor(status)).toBe(verdict);
  });
});

describe('backoffMs', () => {
  it('doubles from 500 ms with no jitter at random() = 0.5', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffMs(attempt, () => 0.5))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('treats attempt 0 as the first', () => {
    expect(backoffMs(0, () => 0.5)).toBe(500);
  });

  it('caps at 60 s', () => {
    expect(backoffMs(8, () => 0.5)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(50, () => 0.5)).toBe(60_000);
  });

  it('applies ±10 % jitter at the ends of random()', () => {
    expect(backoffMs(1, () => 0)).toBe(450);
    expect(backoffMs(1, () => 0.999999)).toBe(550);
    expect(backoffMs(30, () => 0)).toBe(54_000);
    expect(backoffMs(30, () => 0.999999)).toBe(66_000);
  });

  it('stays within the jitter bounds with Math.random', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const base = Math.min(500 * 2 ** (attempt - 1), 60_000);
      for (let i = 0; i < 200; i++) {
        const ms = backoffMs(attempt);
        expect(ms).toBeGreaterThanOrEqual(Math.round(base * 0.9));
        expect(ms).toBeLessThanOrEqual(Math.round(base * 1.1));
      }
    }
  });
});

describe('parseRetryAfter', () => {
  const NOW = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 7 ', NOW)).toBe(7_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', NOW)).toBe(30_000);
  });

  it('reads a date in the past as 0', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', NOW)).toBe(0);
  });

  it('caps at 5 minutes', () => {
    expect(parseRetryAfter('301', NOW)).toBe(RETRY_AFTER_MAX_MS);
    expect(parseRetryAfter('86400', NOW)).toBe(300_000);
    expect(parseRetryAfter('Thu, 22 Oct 2015 07:28:00 GMT', NOW)).toBe(300_000);
  });

  it.each([[null], [undefined], [''], ['soon'], ['abc123']])('is undefined for %j', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeUndefined();
  });
});
