// `pageLeave` and `crossDomain`: read once, each bad value named with its field, the rest kept.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/config';
import { createProblems } from '../../src/config/readers';

const read = (options: unknown) => {
  const problems = createProblems();
  const config = readConfig(problems, 'KEY', options);
  return { config, messages: problems.errors.map((error) => error.message) };
};

describe('pageLeave and crossDomain', () => {
  it('reads them', () => {
    const { config, messages } = read({ pageLeave: true, crossDomain: { domains: ['App.Example.com', 'shop.example.org'] } });
    expect(messages).toEqual([]);
    expect(config.pageLeave).toBe(true);
    expect(config.crossDomain).toEqual(['app.example.com', 'shop.example.org']);
  });

  it('names each bad value: a domain with a scheme or path is left out, the others kept', () => {
    const { config, messages } = read({
      pageLeave: 'yes',
      crossDomain: { domains: ['https://app.example.com', 'ok.example.com', 3], extra: 1 },
    });
    expect(config.pageLeave).toBe(false);
    expect(config.crossDomain).toEqual(['ok.example.com']);
    expect(messages).toEqual([
      'pageLeave: expected true or false, got "yes"; using false',
      'crossDomain.extra: unknown field',
      'crossDomain.domains[0]: expected a hostname such as "app.example.com" (no scheme, path or port); links to it keep no id, got "https://app.example.com"',
      'crossDomain.domains[2]: expected a hostname such as "app.example.com" (no scheme, path or port); links to it keep no id, got 3',
    ]);
  });

  it('domains must be an array', () => {
    const { config, messages } = read({ crossDomain: { domains: 'app.example.com' } });
    expect(config.crossDomain).toBeNull();
    expect(messages).toEqual([
      'crossDomain.domains: expected an array of hostnames such as ["app.example.com"]; no link carries the id, got "app.example.com"',
    ]);
  });
});
