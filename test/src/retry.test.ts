// Retry decisions as pure functions: verdicts per status, capped backoff with jitter, Retry-After in both forms.
import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, RETRY_AFTER_MAX_MS, backoffMs, parseRetryAfter, verdictFor } from '../../src/retry';

describe('verdictFor', () => {
  it('retries network errors, timeouts, 408, 429 and 5xx; splits 400/413; drops other 4xx', () => {
    for (const status of [0, 408, 429, 500, 502, 503, 504]) expect(verdictFor(status)).toBe('retry');
    for (const status of [400, 413]) expect(verdictFor(status)).toBe('split');
    for (const status of [401, 403, 404, 501]) expect(verdictFor(status)).toBe('drop');
    expect(verdictFor(200)).toBe('done');
  });
});

describe('backoffMs', () => {
  it('doubles from 500 ms with ±10 % jitter and is capped', () => {
    expect(backoffMs(1, () => 0.5)).toBe(500);
    expect(backoffMs(3, () => 0.5)).toBe(2000);
    expect(backoffMs(3, () => 0)).toBe(1800);
    expect(backoffMs(3, () => 1)).toBe(2200);
    expect(backoffMs(40, () => 1)).toBe(BACKOFF_MAX_MS * 1.1);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads delta-seconds and HTTP dates, caps them, ignores garbage', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('99999', now)).toBe(RETRY_AFTER_MAX_MS);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
