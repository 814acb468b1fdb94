// Cross-domain identity, pure part: which links get the id, and when a landing adopts it.
import { describe, expect, it } from 'vitest';
import { CROSS_DOMAIN_MAX_AGE_MS, decorateHref, readLanding } from '../../src/identity/cross-domain';

const BASE = 'https://www.example.org/pricing';

describe('decorateHref', () => {
  it('adds ajs_aid and tally_ts to links to a listed domain or its subdomains, replacing earlier values', () => {
    expect(decorateHref('https://app.example.com/x?a=1#h', BASE, ['example.com'], 'anon 1', 1000)).toBe(
      'https://app.example.com/x?a=1&ajs_aid=anon+1&tally_ts=1000#h',
    );
    expect(decorateHref('https://example.com/?ajs_aid=old&tally_ts=1', BASE, ['example.com'], 'new', 2000)).toBe(
      'https://example.com/?ajs_aid=new&tally_ts=2000',
    );
  });

  it('leaves other links alone: unlisted, look-alike, same host, not http(s), unparsable', () => {
    expect(decorateHref('https://other.com/', BASE, ['example.com'], 'a', 1)).toBeUndefined();
    expect(decorateHref('https://notexample.com/', BASE, ['example.com'], 'a', 1)).toBeUndefined();
    expect(decorateHref('/local', BASE, ['example.org'], 'a', 1)).toBeUndefined();
    expect(decorateHref('mailto:x@example.com', BASE, ['example.com'], 'a', 1)).toBeUndefined();
    expect(decorateHref('http://[bad', BASE, ['example.com'], 'a', 1)).toBeUndefined();
  });
});

describe('readLanding', () => {
  it('adopts ajs_aid when the click is at most two minutes away, and always removes both parameters', () => {
    const now = 10_000_000;
    expect(readLanding(`?ajs_aid=anon&tally_ts=${now - 1000}&q=1`, now)).toEqual({ anonymousId: 'anon', search: '?q=1' });
    expect(readLanding(`?ajs_aid=anon&tally_ts=${now - CROSS_DOMAIN_MAX_AGE_MS}`, now)).toEqual({ anonymousId: 'anon', search: '' });
    expect(readLanding(`?ajs_aid=anon&tally_ts=${now - CROSS_DOMAIN_MAX_AGE_MS - 1}&q=1`, now)).toEqual({ search: '?q=1' });
    expect(readLanding(`?ajs_aid=anon&tally_ts=${now + 3 * 60_000}`, now)).toEqual({ search: '' });
    expect(readLanding('?ajs_aid=anon&tally_ts=soon', now)).toEqual({ search: '' });
  });

  it('leaves a plain ajs_aid (analytics.js query string, no timestamp) to the query-string API', () => {
    expect(readLanding('?ajs_aid=anon', 1)).toBeUndefined();
  });
});
