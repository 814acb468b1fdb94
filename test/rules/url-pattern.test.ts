import { describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { compilePattern, matchUrl, toUrlParts } from '../../src/rules/url-pattern';
import { isFiredOn } from '../../src/rules/gate';

const compile = (value: unknown) => {
  const problems = createProblems();
  const pattern = compilePattern(problems, 'fire[0]', value);
  return { pattern, errors: problems.errors.map((error) => error.message) };
};
const matches = (value: unknown, href: string, referrer = '') => matchUrl(compile(value).pattern!, toUrlParts(href, referrer));

describe('URL patterns', () => {
  const site = 'https://shop.example.com';
  it.each([
    // wildcard strings: path plus query, or the path alone
    ['/pricing', '/pricing', true],
    ['/pricing', '/pricing?plan=pro', true],
    ['/pricing', '/pricing/team', false],
    ['/pricing', '/Pricing', false],
    ['/pricing*', '/pricing/team', true],
    ['/pricing*', '/pricing?plan=pro', true],
    ['/pricing*', '/about', false],
    ['/blog/*/comments', '/blog/hello/comments', true],
    ['/blog/*/comments', '/blog/hello/comments?page=2', true],
    ['/blog/*/comments', '/blog/hello', false],
    ['*utm_source=ads*', '/x?utm_source=ads&y=1', true],
    ['/a?x=1', '/a?x=1', true],
    ['/a?x=1', '/a?x=2', false],
    ['/a.b', '/aXb', false], // regex characters are literal
    ['/(x)+', '/(x)+', true],
    ['/pricing', '/pricing#faq', true], // the hash is not part of path + query
    // full URLs: matched against the URL without its hash
    [`${site}/pricing`, '/pricing', true],
    [`${site}/pricing`, '/pricing#top', true],
    [`${site}/pricing`, '/pricing?x=1', false],
    [`${site}/pricing*`, '/pricing?x=1', true],
    ['https://other.example.com/*', '/pricing', false],
    ['https://*.example.com/*', '/pricing', true],
    // operator objects, default on: 'url'
    [{ contains: 'plan=pro' }, '/pricing?plan=pro', true],
    [{ contains: 'plan=pro' }, '/pricing?plan=team', false],
    [{ equals: '/pricing', on: 'path' }, '/pricing?x=1', true],
    [{ equals: '/pricing', on: 'path' }, '/pricing/x', false],
    [{ startsWith: '/docs/', on: 'path' }, '/docs/a/b', true],
    [{ startsWith: '/docs/', on: 'path' }, '/api/docs/', false],
    [{ endsWith: '.pdf', on: 'path' }, '/files/a.pdf', true],
    [{ endsWith: '.pdf', on: 'path' }, '/files/a.pdf.html', false],
    [{ equals: 'shop.example.com', on: 'host' }, '/', true],
    [{ equals: '?a=1', on: 'query' }, '/x?a=1', true],
    [{ equals: '#faq', on: 'hash' }, '/x#faq', true],
    [{ regex: '^/(en|fr)/pricing$', on: 'path' }, '/fr/pricing', true],
    [{ regex: '^/(en|fr)/pricing$', on: 'path' }, '/de/pricing', false],
    [{ regex: 'PRICING', flags: 'i', on: 'path' }, '/pricing', true],
    [{ regex: 'PRICING', on: 'path' }, '/pricing', false],
    [{ contains: 'PRICING', flags: 'i' }, '/pricing', true],
  ])('%j on %s → %s', (pattern, path, expected) => {
    expect(matches(pattern, site + path)).toBe(expected);
  });

  it('matches the referrer', () => {
    expect(matches({ contains: 'google.', on: 'referrer' }, `${site}/`, 'https://www.google.com/')).toBe(true);
    expect(matches({ contains: 'google.', on: 'referrer' }, `${site}/`, '')).toBe(false);
  });

  it('a global flag does not make matching stateful', () => {
    const { pattern } = compile({ regex: 'a', flags: 'g', on: 'path' });
    const parts = toUrlParts('https://x.test/a', '');
    expect([matchUrl(pattern!, parts), matchUrl(pattern!, parts), matchUrl(pattern!, parts)]).toEqual([true, true, true]);
  });

  it.each([
    [{ regex: '(' }, 'fire[0]: invalid regex'],
    [{ regex: 'a', flags: 'q' }, 'fire[0]: invalid regex'],
    [
      { contains: 'a', on: 'title' },
      'fire[0].on: expected one of "url", "path", "host", "query", "hash", "referrer", got "title"; using "url"',
    ],
    [{ includes: 'a' }, 'fire[0]: expected a URL pattern, got an object'],
    [42, 'fire[0]: expected a URL pattern, got 42'],
  ])('reports %j', (value, message) => {
    expect(compile(value).errors).toEqual([message]);
  });
});

describe('trigger paths: fire and dontFire', () => {
  const p = (value: unknown) => compile(value).pattern!;
  const at = (path: string) => toUrlParts(`https://x.test${path}`, '');
  it.each([
    [[], [], '/anything', true], // no fire list: fires everywhere
    [['/pricing*'], [], '/pricing', true],
    [['/pricing*'], [], '/about', false],
    [['/pricing*', '/plans'], [], '/plans', true], // any fire pattern is enough
    [[], ['/admin/*'], '/admin/users', false],
    [[], ['/admin/*'], '/users', true],
    [['/pricing*'], ['/pricing/internal*'], '/pricing/internal/x', false], // dontFire beats fire
    [['/pricing*'], ['/pricing/internal*'], '/pricing/team', true],
    [['*'], ['*'], '/x', false],
  ])('fire %j, dontFire %j on %s → %s', (fire, dontFire, path, expected) => {
    expect(isFiredOn({ fire: fire.map(p), dontFire: dontFire.map(p) }, at(path))).toBe(expected);
  });
});
