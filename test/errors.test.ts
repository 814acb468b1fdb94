import { describe, expect, it, vi } from 'vitest';
import { attempt, safely } from '../src/errors';

describe('attempt', () => {
  it("returns run()'s result when it does not throw", () => {
    expect(attempt(() => JSON.parse('{"a":1}'), 'fallback')).toEqual({ a: 1 });
  });

  it('returns the fallback (or undefined) when run() throws', () => {
    expect(attempt(() => JSON.parse('{'), 'fallback')).toBe('fallback');
    expect(attempt(() => decodeURIComponent('%E0%A4%A'))).toBeUndefined();
  });
});

describe('safely', () => {
  it("returns run()'s result, or logs what it throws once and returns undefined", () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(safely(() => 1)).toBe(1);
    expect(
      safely(() => {
        throw new Error('safely: boom');
      }),
    ).toBeUndefined();
    expect(error).toHaveBeenCalledWith('[tally]', 'safely: boom');
    error.mockRestore();
  });
});
