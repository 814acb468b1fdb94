import { describe, expect, it } from 'vitest';
import { attempt } from '../../src/api/errors';

describe('attempt', () => {
  it("returns run()'s result when it does not throw", () => {
    expect(attempt(() => JSON.parse('{"a":1}'), 'fallback')).toEqual({ a: 1 });
  });

  it('returns the fallback (or undefined) when run() throws', () => {
    expect(attempt(() => JSON.parse('{'), 'fallback')).toBe('fallback');
    expect(attempt(() => decodeURIComponent('%E0%A4%A'))).toBeUndefined();
  });
});
