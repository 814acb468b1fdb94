import { describe, expect, it, vi } from 'vitest';
import { createConfig, readConfig, type Config } from '../../src/config/config';
import { createProblems } from '../../src/config/readers';
import { ConfigError } from '../../src/errors';
import { readCustomerio, type CustomerioSettings } from '../../src/destinations/customerio/config';
import type { SegmentSettings } from '../../src/destinations/segment';

/** Customer.io's settings as its piece reads what the core kept. */
function cio(config: Config) {
  const { edge, ...input } = config.destinations.customerio as CustomerioSettings;
  return readCustomerio(createProblems(), input, edge);
}

/** The Segment settings the config holds (a registry key's settings are typed by its destination). */
const segmentOf = (config: Config) => config.destinations.segment as SegmentSettings;

/** Reads options and returns the config with the fields named by the problems found. */
function read(options: unknown, writeKey: unknown = 'KEY'): { config: Config; fields: string[]; errors: ConfigError[] } {
  const problems = createProblems();
  const config = readConfig(problems, writeKey, options);
  return { config, fields: problems.errors.map((error) => error.field), errors: problems.errors };
}

describe('defaults', () => {
  it('fills every field', () => {
    const { config, fields } = read(undefined);
    expect(fields).toEqual([]);
    expect(config).toEqual({
      writeKey: 'KEY',
      destinations: { segment: { writeKey: 'KEY', apiHost: 'https://api.segment.io/v1' } },
      integrationNames: { segment: 'Segment.io', customerio: 'Customer.io' },
      integrations: {},
      flushAt: 20,
      flushIntervalMs: 5000,
      initialPageview: false,
      debug: false,
      cookie: { domain: undefined, maxAgeDays: 365, path: '/', sameSite: 'Lax', secure: false },
      consent: null,
      plan: null,
      redact: null,
      useQueryString: true,
      global: 'analytics',
      edge: null,
      pageviews: null,
      events: null,
      rulesUrl: null,
      dataLayer: null,
      buffer: expect.objectContaining({ storage: 'indexeddb' }),
      session: { timeoutMs: 30 * 60_000 },
      bots: 'drop',
      pageLeave: false,
      crossDomain: null,
    });
  });

  it('has no Segment route without a write key', () => {
    const problems = createProblems();
    const config = readConfig(problems, undefined, {});
    expect(config.writeKey).toBe('');
    expect(config.destinations.segment).toBeUndefined();
    expect(problems.errors).toEqual([]);
    expect(readConfig(createProblems(), undefined, { segment: { writeKey: 'SEG' } }).destinations.segment).toEqual({
      writeKey: 'SEG',
      apiHost: 'https://api.segment.io/v1',
    });
  });
});

describe('every option', () => {
  it('reads valid values', () => {
    const { config, fields } = read({
      segment: { writeKey: 'SEG', apiHost: 'https://collector.test/v1' },
      integrations: { Mixpanel: false, 'Customer.io': true },
      flushAt: 1,
      flushInterval: 0,
      initialPageview: true,
      debug: true,
      cookie: { domain: 'shop.test', maxage: 30, path: '/app', sameSite: 'Strict', secure: true },
    });
    expect(fields).toEqual([]);
    expect(config).toEqual({
      writeKey: 'KEY',
      destinations: { segment: { writeKey: 'SEG', apiHost: 'https://collector.test/v1' } },
      integrationNames: { segment: 'Segment.io', customerio: 'Customer.io' },
      integrations: { Mixpanel: false, 'Customer.io': true },
      flushAt: 1,
      flushIntervalMs: 0,
      initialPageview: true,
      debug: true,
      cookie: { domain: 'shop.test', maxAgeDays: 30, path: '/app', sameSite: 'Strict', secure: true },
      consent: null,
      plan: null,
      redact: null,
      useQueryString: true,
      global: 'analytics',
      edge: null,
      pageviews: null,
      events: null,
      rulesUrl: null,
      dataLayer: null,
      buffer: expect.objectContaining({ storage: 'indexeddb' }),
      session: { timeoutMs: 30 * 60_000 },
      bots: 'drop',
      pageLeave: false,
      crossDomain: null,
    });
  });

  it('reads session (false, true, { timeoutMinutes }) and bots, naming a bad field and keeping its default', () => {
    expect(read({ session: false }).config.session).toBeNull();
    expect(read({ session: true }).config.session).toEqual({ timeoutMs: 30 * 60_000 });
    expect(read({ session: { timeoutMinutes: 0.05 } }).config.session).toEqual({ timeoutMs: 3000 });
    expect(read({ bots: 'flag' }).config.bots).toBe('flag');
    for (const [options, field] of [
      [{ session: { timeoutMinutes: 0 } }, 'session.timeoutMinutes'],
      [{ session: { timeoutMinute: 5 } }, 'session.timeoutMinute'],
      [{ session: 'on' }, 'session'],
      [{ bots: 'block' }, 'bots'],
    ] as const) {
      const problems = createProblems();
      const config = readConfig(problems, 'KEY', options);
      expect(problems.errors.map((error) => error.field)).toEqual([field]);
      expect(config).toMatchObject({ session: { timeoutMs: 30 * 60_000 }, bots: 'drop' });
    }
  });

  it('accepts cookie domains with a leading dot, and paths with a query-free tail', () => {
    for (const domain of ['.shop.test', 'localhost', 'a-b.c9.example.co.uk'])
      expect(read({ cookie: { domain } }).config.cookie.domain).toBe(domain);
    for (const path of ['/', '/app/', '/a-b_c.d~e%20']) expect(read({ cookie: { path } }).config.cookie.path).toBe(path);
  });

  it('accepts the bounds of flushAt (1..2500) and flushInterval (0..1 h)', () => {
    expect(read({ flushAt: 2500, flushInterval: 3_600_000 }).config).toMatchObject({ flushAt: 2500, flushIntervalMs: 3_600_000 });
  });

  it("integrations['Segment.io'] = false turns the Segment route off", () => {
    expect(read({ integrations: { 'Segment.io': false } }).config.destinations.segment).toBeUndefined();
  });

  // analytics-next does not load Segment.io when the load options say `integrations: { All: false }`
  // without `'Segment.io': true` (browser/index.ts shouldIgnoreSegmentio).
  it("integrations { All: false } without 'Segment.io' turns the Segment route off, as analytics-next", () => {
    expect(read({ integrations: { All: false } }).config.destinations.segment).toBeUndefined();
  });

  it("integrations { All: false, 'Segment.io': true } keeps the Segment route", () => {
    expect(read({ integrations: { All: false, 'Segment.io': true } }).config.destinations.segment).toEqual({
      writeKey: 'KEY',
      apiHost: 'https://api.segment.io/v1',
    });
  });

  it('keeps only boolean integration toggles', () => {
    const { config } = read({ integrations: { 'Segment.io': { apiHost: 'x.test/v1' }, Amplitude: { key: 1 }, Hotjar: false } });
    expect(config.integrations).toEqual({ Hotjar: false });
  });
});

describe('apiHost forms', () => {
  it.each([
    ['api.segment.io/v1', 'https://api.segment.io/v1'],
    ['https://events.eu1.segmentapis.com/v1', 'https://events.eu1.segmentapis.com/v1'],
    ['http://127.0.0.1:8787/v1', 'http://127.0.0.1:8787/v1'],
    ['http://127.0.0.1:8787/v1/', 'http://127.0.0.1:8787/v1'],
    ['  cdp.customer.io/v1  ', 'https://cdp.customer.io/v1'],
  ])('segment.apiHost %j → %s', (apiHost, expected) => {
    expect(segmentOf(read({ segment: { apiHost } }).config).apiHost).toBe(expected);
  });

  it("integrations['Segment.io'].apiHost in analytics.js's host/path form, https by default", () => {
    expect(segmentOf(read({ integrations: { 'Segment.io': { apiHost: 'proxy.shop.test/v1' } } }).config).apiHost).toBe(
      'https://proxy.shop.test/v1',
    );
  });

  it("protocol 'http' applies to integrations['Segment.io'].apiHost", () => {
    const { config, fields } = read({ integrations: { 'Segment.io': { apiHost: '127.0.0.1:8787/v1', protocol: 'http' } } });
    expect(fields).toEqual([]);
    expect(segmentOf(config).apiHost).toBe('http://127.0.0.1:8787/v1');
  });

  it('a full URL keeps its own scheme whatever the protocol', () => {
    expect(segmentOf(read({ integrations: { 'Segment.io': { apiHost: 'https://a.test/v1', protocol: 'http' } } }).config).apiHost).toBe(
      'https://a.test/v1',
    );
  });

  it("segment.apiHost wins over integrations['Segment.io'].apiHost", () => {
    const { config } = read({
      segment: { apiHost: 'https://mine.test/v1' },
      integrations: { 'Segment.io': { apiHost: 'theirs.test/v1' } },
    });
    expect(segmentOf(config).apiHost).toBe('https://mine.test/v1');
  });
});

describe('bad values: one ConfigError naming the field, and the default', () => {
  it.each([
    [{ flushAt: 0 }, 'flushAt', { flushAt: 20 }],
    [{ flushAt: 2501 }, 'flushAt', { flushAt: 20 }],
    [{ flushAt: 1.5 }, 'flushAt', { flushAt: 20 }],
    [{ flushAt: '10' }, 'flushAt', { flushAt: 20 }],
    [{ flushInterval: -1 }, 'flushInterval', { flushIntervalMs: 5000 }],
    [{ flushInterval: NaN }, 'flushInterval', { flushIntervalMs: 5000 }],
    [{ initialPageview: 'yes' }, 'initialPageview', { initialPageview: false }],
    [{ debug: 1 }, 'debug', { debug: false }],
    [{ cookie: 'x' }, 'cookie', { cookie: { domain: undefined, maxAgeDays: 365, path: '/', sameSite: 'Lax', secure: false } }],
    [{ cookie: { sameSite: 'lax' } }, 'cookie.sameSite', { cookie: { sameSite: 'Lax' } }],
    [{ cookie: { maxage: -1 } }, 'cookie.maxage', { cookie: { maxAgeDays: 365 } }],
    [{ cookie: { domain: '' } }, 'cookie.domain', { cookie: { domain: undefined } }],
    [{ cookie: { path: 5 } }, 'cookie.path', { cookie: { path: '/' } }],
    // Spliced into document.cookie: an attribute smuggled in after `;` must not reach it.
    [{ cookie: { domain: 'localhost; Max-Age=0' } }, 'cookie.domain', { cookie: { domain: undefined } }],
    [{ cookie: { domain: 'shop.test,evil.test' } }, 'cookie.domain', { cookie: { domain: undefined } }],
    [{ cookie: { domain: 'shop .test' } }, 'cookie.domain', { cookie: { domain: undefined } }],
    [{ cookie: { domain: 'shop\n.test' } }, 'cookie.domain', { cookie: { domain: undefined } }],
    [{ cookie: { domain: '..shop.test' } }, 'cookie.domain', { cookie: { domain: undefined } }],
    [{ cookie: { domain: '-shop.test' } }, 'cookie.domain', { cookie: { domain: undefined } }],
    [{ cookie: { path: 'app' } }, 'cookie.path', { cookie: { path: '/' } }],
    [{ cookie: { path: '/; Max-Age=0' } }, 'cookie.path', { cookie: { path: '/' } }],
    [{ cookie: { path: '/a,b' } }, 'cookie.path', { cookie: { path: '/' } }],
    [{ cookie: { path: '/a b' } }, 'cookie.path', { cookie: { path: '/' } }],
    [{ cookie: { path: '/a\u0001' } }, 'cookie.path', { cookie: { path: '/' } }],
    [{ cookie: { secure: 'true' } }, 'cookie.secure', { cookie: { secure: false } }],
    [{ segment: [] }, 'segment', { destinations: { segment: { writeKey: 'KEY', apiHost: 'https://api.segment.io/v1' } } }],
    [
      { segment: { writeKey: 7 } },
      'segment.writeKey',
      { destinations: { segment: { writeKey: 'KEY', apiHost: 'https://api.segment.io/v1' } } },
    ],
    [
      { segment: { apiHost: 'https://a.test/v1?x=1' } },
      'segment.apiHost',
      { destinations: { segment: { writeKey: 'KEY', apiHost: 'https://api.segment.io/v1' } } },
    ],
    [
      { segment: { apiHost: 'http://' } },
      'segment.apiHost',
      { destinations: { segment: { writeKey: 'KEY', apiHost: 'https://api.segment.io/v1' } } },
    ],
    [
      { segment: { apiHost: 42 } },
      'segment.apiHost',
      { destinations: { segment: { writeKey: 'KEY', apiHost: 'https://api.segment.io/v1' } } },
    ],
    [{ integrations: 'all' }, 'integrations', { integrations: {} }],
    [
      { integrations: { 'Segment.io': null } },
      "integrations['Segment.io']",
      { destinations: { segment: { writeKey: 'KEY', apiHost: 'https://api.segment.io/v1' } } },
    ],
    [
      { integrations: { 'Segment.io': { protocol: 'ftp' } } },
      "integrations['Segment.io'].protocol",
      { destinations: { segment: { apiHost: 'https://api.segment.io/v1' } } },
    ],
    [
      { integrations: { 'Segment.io': { apiHost: 'a.test/v1#x' } } },
      "integrations['Segment.io'].apiHost",
      { destinations: { segment: { apiHost: 'https://api.segment.io/v1' } } },
    ],
  ])('%j → %s', (options, field, fallback) => {
    const { config, fields, errors } = read(options);
    expect(fields).toEqual([field]);
    expect(errors[0]).toBeInstanceOf(ConfigError);
    expect(errors[0].message.startsWith(`${field}: `)).toBe(true);
    expect(config).toMatchObject(fallback);
  });

  it('rulesUrl: a path or URL string', () => {
    expect(read({ rulesUrl: '/rules/site.json' }).config.rulesUrl).toBe('/rules/site.json');
    expect(read({ rulesUrl: 42 })).toMatchObject({ fields: ['rulesUrl'], config: { rulesUrl: null } });
  });

  it("pageviews: 'history' or 'history+hash'; none by default, as analytics.js", () => {
    expect(read({ pageviews: 'history' }).config.pageviews).toBe('history');
    expect(read({ pageviews: 'none' }).config.pageviews).toBeNull();
    expect(read({ pageviews: 'always' })).toMatchObject({ fields: ['pageviews'], config: { pageviews: null } });
  });

  it('global: a property name, false for none, analytics by default; anything else named', () => {
    expect(read({ global: 'tally' }).config.global).toBe('tally');
    expect(read({ global: false }).config.global).toBeNull();
    expect(read({ global: 3 })).toMatchObject({ fields: ['global'], config: { global: 'analytics' } });
  });

  it('edge: every destination through one first-party path, Track API without a key in the page', () => {
    const { config, fields } = read({ edge: '/t/', customerio: { siteId: 'S' } });
    expect(fields).toEqual([]);
    expect(config.edge).toBe('/t');
    expect(config.destinations.segment).toEqual({ writeKey: 'KEY', apiHost: '/t/s' });
    // The core keeps the option as given, with the edge; the customerio piece reads it (createCustomerio).
    expect(config.destinations.customerio).toEqual({ siteId: 'S', edge: '/t' });
    expect(cio(config)).toMatchObject({
      apiHost: '/t/c',
      paths: { anonymous: '/1', batch: '/2' },
      authorization: undefined,
    });
    expect(cio(read({ edge: 'https://shop.example/t', customerio: { writeKey: 'W' } }).config)).toMatchObject({
      apiHost: 'https://shop.example/t/p',
    });
    expect(read({ edge: 'not a path' }).fields).toEqual(['edge']);
    // An apiKey in the page is still warned about with the edge.
    expect(cio(read({ edge: '/t', customerio: { siteId: 'S', apiKey: 'K' } }).config)).toMatchObject({
      keyWarning: expect.stringMatching(/^customerio\.apiKey is in the page/),
    });
  });

  it('names a bad write key, and options that are not an object', () => {
    expect(read({}, 5).fields).toEqual(['writeKey']);
    expect(read({}, '  ').fields).toEqual(['writeKey']);
    expect(read('flushAt=1').fields).toEqual(['options']);
    expect(read([1]).fields).toEqual(['options']);
  });

  it('says what it got and what it uses instead', () => {
    expect(read({ flushAt: '10' }).errors[0].message).toBe('flushAt: expected an integer 1-2500, got "10"; using 20');
  });

  it('reports unknown keys by name and keeps the rest', () => {
    const { config, fields } = read({ flushat: 3, writekey: 'x', flushAt: 4 });
    expect(fields).toEqual(['flushat', 'writekey']);
    expect(config.flushAt).toBe(4);
  });

  it('reports several bad fields once each and keeps the good ones', () => {
    const { config, fields } = read({ flushAt: 0, debug: 'no', flushInterval: 100, cookie: { sameSite: 'none' } });
    expect(fields).toEqual(['flushAt', 'debug', 'cookie.sameSite']);
    expect(config.flushIntervalMs).toBe(100);
  });
});

describe('the result', () => {
  it('is frozen deeply', () => {
    const { config } = read({ segment: { apiHost: 'a.test/v1' }, integrations: { X: false } });
    for (const part of [config, config.destinations, config.destinations.segment, config.integrations, config.cookie])
      expect(Object.isFrozen(part)).toBe(true);
    expect(() => {
      (config as { flushAt: number }).flushAt = 1;
    }).toThrow(TypeError);
    expect(() => {
      (config.cookie as { path: string }).path = '/x';
    }).toThrow(TypeError);
  });

  it('does not freeze or change the caller’s options', () => {
    const options = { integrations: { X: false }, cookie: { path: '/a' }, segment: { apiHost: 'a.test/v1' } };
    read(options);
    expect(Object.isFrozen(options.integrations)).toBe(false);
    expect(Object.isFrozen(options.cookie)).toBe(false);
    expect(options.segment.apiHost).toBe('a.test/v1');
  });
});

describe('createConfig', () => {
  it('logs one console error per problem, naming the field, and never throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const config = createConfig('KEY', { flushAt: -3, bogusOptionForConfigTest: 1 });
    expect(config.flushAt).toBe(20);
    expect(error).toHaveBeenCalledTimes(2);
    expect(error.mock.calls.map((call) => call[1])).toEqual([
      'flushAt: expected an integer 1-2500, got -3; using 20',
      'bogusOptionForConfigTest: unknown field',
    ]);
    expect(error.mock.calls[0][0]).toBe('[tally]');
  });
});
