import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { toCampaign, toPageContext } from '../../src/event/page-context';
import type { BufferedPage } from '../../src/event/types';

// analytics-next's own page context builder (@segment/analytics-page-tools), as the reference.
const require = createRequire(import.meta.url);
const tools = require('@segment/analytics-page-tools') as { createPageContext(bpc: Record<string, unknown>): unknown };

const page = (overrides: Partial<BufferedPage> = {}): BufferedPage => ({
  pathname: '/pricing',
  href: 'https://shop.test/pricing?plan=pro#faq',
  search: '?plan=pro',
  title: 'Pricing',
  referrer: 'https://google.test/',
  ...overrides,
});

describe('toPageContext', () => {
  it('without a canonical link: the real path, and the href without its hash', () => {
    expect(toPageContext(page())).toEqual({
      path: '/pricing',
      referrer: 'https://google.test/',
      search: '?plan=pro',
      title: 'Pricing',
      url: 'https://shop.test/pricing?plan=pro',
    });
  });

  it('keeps an href that has no hash as it is', () => {
    expect(toPageContext(page({ href: 'https://shop.test/a?b=1' })).url).toBe('https://shop.test/a?b=1');
  });

  it('with a canonical link: its path, and the canonical URL plus the page search', () => {
    const context = toPageContext(page({ canonical: 'https://shop.test/plans' }));
    expect(context.path).toBe('/plans');
    expect(context.url).toBe('https://shop.test/plans?plan=pro');
    expect(context.search).toBe('?plan=pro');
  });

  it('a canonical URL with its own query keeps it and drops the page search', () => {
    expect(toPageContext(page({ canonical: 'https://shop.test/plans?v=2' })).url).toBe('https://shop.test/plans?v=2');
  });

  it('a root-relative canonical gives its path, and url is the canonical plus search', () => {
    const context = toPageContext(page({ canonical: '/plans' }));
    expect(context.path).toBe('/plans');
    expect(context.url).toBe('/plans?plan=pro');
  });

  it('a relative canonical resolves against the page, as classic analytics.js (an <a> element) did', () => {
    // analytics-next gives '/plans/x' here (it prefixes '/'); tally resolves like the browser does.
    expect(toPageContext(page({ href: 'https://shop.test/a/b', canonical: 'plans/x' })).path).toBe('/a/plans/x');
  });

  it('an unparseable canonical keeps the real path', () => {
    expect(toPageContext(page({ href: '', canonical: 'http://[bad' })).path).toBe('/pricing');
  });

  const cases: Array<Partial<BufferedPage>> = [
    {},
    { canonical: 'https://shop.test/plans' },
    { canonical: 'https://shop.test/plans?v=2' },
    { canonical: 'https://other.test/x/y#z' },
    { canonical: '/plans' },
    { search: '', href: 'https://shop.test/pricing#only-hash' },
  ];
  it.each(cases)('matches analytics-page-tools for %j', (overrides) => {
    const p = page(overrides);
    const expected = tools.createPageContext({
      __t: 'bpc',
      c: p.canonical,
      p: p.pathname,
      u: p.href,
      s: p.search,
      t: p.title,
      r: p.referrer,
    });
    expect(toPageContext(p)).toEqual(expected);
  });
});

describe('toCampaign', () => {
  it('reads utm_* parameters, utm_campaign as name', () => {
    expect(toCampaign('?utm_source=news&utm_medium=email&utm_campaign=spring&utm_term=shoes&utm_content=hero')).toEqual({
      source: 'news',
      medium: 'email',
      name: 'spring',
      term: 'shoes',
      content: 'hero',
    });
  });

  it('is undefined when there is no utm parameter', () => {
    expect(toCampaign('')).toBeUndefined();
    expect(toCampaign('?plan=pro&utm_=x')).toBeUndefined();
  });

  it("decodes '+' as a space and percent escapes", () => {
    expect(toCampaign('?utm_source=news+letter&utm_campaign=%E2%82%AC%2050')).toEqual({ source: 'news letter', name: '€ 50' });
  });

  it('keeps a bad percent escape as written instead of throwing', () => {
    expect(toCampaign('?utm_term=%E0%A4%A&utm_source=ok')).toEqual({ term: '%E0%A4%A', source: 'ok' });
  });

  it('reads a parameter without a value as empty, and custom utm_ keys as they are', () => {
    expect(toCampaign('?utm_content&utm_id=42')).toEqual({ content: '', id: '42' });
  });

  it("splits on '?' as well as '&', as analytics.js does", () => {
    expect(toCampaign('?a=1?utm_medium=cpc')).toEqual({ medium: 'cpc' });
  });

  it("keeps an '=' inside the value", () => {
    expect(toCampaign('?utm_source=a=b')).toEqual({ source: 'a=b' });
  });

  it('the last of repeated keys wins', () => {
    expect(toCampaign('?utm_source=a&utm_source=b')).toEqual({ source: 'b' });
  });
});
