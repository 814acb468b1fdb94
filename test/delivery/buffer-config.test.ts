// The `buffer` option: defaults, values, and errors naming the field.
import { describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readConfig } from '../../src/config/config';

describe('buffer option', () => {
  it('defaults to IndexedDB, 10,000 events, 10 MB, 7 days', () => {
    const problems = createProblems();
    expect(readConfig(problems, 'KEY', {}).buffer).toEqual({
      maxEvents: 10_000,
      maxBytes: 10 * 1024 * 1024,
      maxAgeMs: 7 * 86_400_000,
      storage: 'indexeddb',
    });
    expect(problems.errors).toEqual([]);
  });
  it('reads values and names each bad field', () => {
    const problems = createProblems();
    const config = readConfig(problems, 'KEY', { buffer: { maxEvents: 50, maxBytes: 'big', maxAgeDays: 1, storage: 'disk' } });
    expect(config.buffer).toEqual({ maxEvents: 50, maxBytes: 10 * 1024 * 1024, maxAgeMs: 86_400_000, storage: 'indexeddb' });
    expect(problems.errors.map((error) => error.field)).toEqual(['buffer.maxBytes', 'buffer.storage']);
  });
});
