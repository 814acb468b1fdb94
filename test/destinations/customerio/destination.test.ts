// Customer.io Track API mapping under each identifyBy, its limits, seconds vs ms, requests, auth, 207 reading, Pipelines.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { customerioDestination } from '../../../src/destinations/customerio/destination';
import { MAX_ATTRIBUTES, cutName, limitAttributes, toCustomerio } from '../../../src/destinations/customerio/mapping';
import { createProblems } from '../../../src/config/readers';
import { readCustomerio } from '../../../src/destinations/customerio/config';
import type { EventIdentity } from '../../../src/event/build';
import type { TallyEvent } from '../../../src/event/types';
import { testEvent } from '../../helpers/events';
import { refuseTrackBatch } from '../../../src/edge/track-api';

const ULID = '01HF7YAT00ABCDEFGHJKMNPQRS';
const TIME = '2024-03-01T12:00:00.789Z';
const SECONDS = Date.UTC(2024, 2, 1, 12) / 1000;
const PAGE = { path: '/pricing', referrer: '', search: '', title: 'Pricing', url: 'https://shop.example/pricing' };

const event = (type: TallyEvent['type'], extra: Partial<TallyEvent> = {}): TallyEvent =>
  testEvent(type, {
    messageId: ULID,
    timestamp: TIME,
    anonymousId: 'anon-1',
    context: { library: { name: 'tally', version: 't' }, page: PAGE },
    ...extra,
  });
const identity = (traits = {}, userId: string | null = null): EventIdentity => ({
  anonymousId: 'anon-1',
  userId,
  traits,
  groupId: null,
  groupTraits: {},
});
const config = (identifyBy = 'email', extra = {}) => ({
  apiHost: 'https://track.customer.io',
  paths: { anonymous: '/api/v1/events', batch: '/api/v2/batch' },
  authorization: 'Basic U0lURTpLRVk=',
  identifyBy,
  keyWarning: undefined,
  ...extra,
});
const calls = {
  identify: (traits: object) => event('identify', { userId: 'u-1', traits: { ...traits } }),
  track: () => event('track', { userId: 'u-1', event: 'Order Completed', properties: { total: 42 } }),
  page: () => event('page', { userId: 'u-1', properties: { ...PAGE } }),
  screen: () => event('screen', { userId: 'u-1', name: 'Checkout', properties: { step: 2 } }),
};

describe('prepare + toCustomerio: one table per identifyBy', () => {
  const cases: Array<{ identifyBy: string; traits: object; userId: string | null; key: 'email' | 'id'; person: string | undefined }> = [
    { identifyBy: 'email', traits: { email: 'ann@example.com', plan: 'pro' }, userId: 'u-1', key: 'email', person: 'ann@example.com' },
    { identifyBy: 'email', traits: { plan: 'pro' }, userId: 'u-1', key: 'email', person: undefined },
    { identifyBy: 'id', traits: { email: 'ann@example.com' }, userId: 'u-1', key: 'id', person: 'u-1' },
    { identifyBy: 'customerId', traits: { customerId: 'C-9', email: 'ann@example.com' }, userId: 'u-1', key: 'id', person: 'C-9' },
  ];
  for (const { identifyBy, traits, userId, key, person } of cases) {
    describe(`identifyBy '${identifyBy}', ${person ? `person ${person}` : 'anonymous'}`, () => {
      const destination = customerioDestination(config(identifyBy), () => {});
      beforeAll(() => destination.ready);
      const map = (input: TallyEvent) => {
        const prepared = destination.prepare!(input, identity(traits, userId));
        return prepared && toCustomerio(prepared, key, () => {});
      };

      it('identify', () => {
        const mapped = map(calls.identify(traits));
        if (!person) return expect(mapped).toBeUndefined();
        expect(mapped).toEqual({
          type: 'person',
          identifiers: { [key]: person },
          action: 'identify',
          timestamp: SECONDS,
          // Identified by email, the app's user id goes along as the id attribute.
          attributes: { ...traits, ...(key === 'email' ? { id: 'u-1' } : {}), anonymous_id: 'anon-1' },
        });
      });

      it('track', () => {
        const body = { name: 'Order Completed', id: ULID, timestamp: SECONDS };
        expect(map(calls.track())).toEqual(
          person
            ? { type: 'person', identifiers: { [key]: person }, action: 'event', ...body, attributes: { total: 42 } }
            : { anonymous_id: 'anon-1', type: 'event', ...body, data: { total: 42 } },
        );
      });

      it('page: named by its URL', () => {
        const mapped = map(calls.page())!;
        expect(mapped).toMatchObject({ name: 'https://shop.example/pricing', id: ULID, timestamp: SECONDS });
        expect(mapped[person ? 'action' : 'type']).toBe('page');
      });

      it('screen: named by its name', () => {
        const mapped = map(calls.screen())!;
        expect(mapped).toMatchObject({
          name: 'Checkout',
          [person ? 'action' : 'type']: 'screen',
          [person ? 'attributes' : 'data']: { step: 2 },
        });
      });

      it('group and alias are not sent', () => {
        expect(destination.prepare!(event('group', { groupId: 'g' }), identity(traits, userId))).toBeUndefined();
        expect(destination.prepare!(event('alias', { previousId: 'p' }), identity(traits, userId))).toBeUndefined();
      });
    });
  }

  it('stamps the person into the queued event, so it stands alone after the identity changes', () => {
    const destination = customerioDestination(config(), () => {});
    const original = calls.track();
    const prepared = destination.prepare!(original, identity({ email: 'ann@example.com' }))!;
    expect(prepared.context.cio).toBe('ann@example.com');
    expect(original.context.cio).toBeUndefined();
    const restored = JSON.parse(JSON.stringify(prepared));
    expect(toCustomerio(restored, 'email', () => {}).identifiers).toEqual({ email: 'ann@example.com' });
  });
});

describe("identifyBy 'idOrEmail' and the 150-byte identifier limit", () => {
  const report = vi.fn();
  const destination = customerioDestination(config('idOrEmail'), report);
  beforeAll(() => destination.ready);
  const map = (input: TallyEvent, traits: object, userId: string | null) => {
    const prepared = destination.prepare!(input, identity(traits, userId));
    return prepared && toCustomerio(prepared, 'id', () => {});
  };

  it('identifies by the user id when there is one, the email riding along as a trait', () => {
    const mapped = map(
      event('identify', { userId: 'user-42', traits: { email: 'ann@example.com' } }),
      { email: 'ann@example.com' },
      'user-42',
    );
    expect(mapped).toMatchObject({ identifiers: { id: 'user-42' }, attributes: { email: 'ann@example.com' } });
  });

  it('identifies an anonymous sign-up (email, no user id) by email', () => {
    const mapped = map(event('identify', { traits: { email: 'new@example.com' } }), { email: 'new@example.com' }, null);
    expect(mapped).toMatchObject({ identifiers: { email: 'new@example.com' } });
    const tracked = map(event('track', { event: 'Subscribed' }), { email: 'new@example.com' }, null);
    expect(tracked).toMatchObject({ type: 'person', identifiers: { email: 'new@example.com' }, name: 'Subscribed' });
  });

  it('never identifies by a value over 150 bytes: the next identifier, else anonymous, and says why', () => {
    report.mockClear();
    const long = 'u'.repeat(151);
    const mapped = map(event('track', { event: 'E', userId: long }), { email: 'ann@example.com' }, long);
    expect(mapped).toMatchObject({ identifiers: { email: 'ann@example.com' } });
    expect(report).toHaveBeenCalledWith('Customer.io limits: a person\'s id is over 150 bytes; not used to identify them, in track "E"');
    const anonymous = map(event('track', { event: 'E', userId: long }), {}, long);
    expect(anonymous).toMatchObject({ anonymous_id: 'anon-1', name: 'E' });
    expect(map(event('identify', { userId: 'u'.repeat(150) }), {}, 'u'.repeat(150))).toMatchObject({
      identifiers: { id: 'u'.repeat(150) },
    });
  });
});

describe('seconds, not milliseconds', () => {
  it('turns the ISO timestamp into whole unix seconds', () => {
    const body = toCustomerio(calls.track(), 'id', () => {});
    expect(body.timestamp).toBe(SECONDS);
    expect(Number.isInteger(body.timestamp)).toBe(true);
  });

  it.each([
    ['an ISO createdAt', { createdAt: '2020-01-02T03:04:05.678Z' }, Date.UTC(2020, 0, 2, 3, 4, 5) / 1000],
    ['created_at in ms', { created_at: 1577934245678 }, 1577934245],
    ['created_at already in seconds', { created_at: 1577934245 }, 1577934245],
  ])('identify: %s becomes created_at in seconds', (_label, traits, expected) => {
    const { attributes } = toCustomerio(
      { ...calls.identify(traits), context: { ...calls.identify(traits).context, cio: 'x' } },
      'id',
      () => {},
    ) as any;
    expect(attributes.created_at).toBe(expected);
    expect(attributes.createdAt).toBeUndefined();
  });
});

describe('limits, each cut reported', () => {
  it('drops attributes with long names or values and past 300', () => {
    const report = vi.fn();
    const input: Record<string, unknown> = {
      ['n'.repeat(151)]: 1,
      big: 'v'.repeat(1001),
      ok: 'v'.repeat(1000),
      nested: { deep: 'x'.repeat(990) },
    };
    for (let i = 0; i < MAX_ATTRIBUTES + 5; i++) input[`a${i}`] = i;
    const kept = limitAttributes(input, report);
    expect(kept.ok).toBe('v'.repeat(1000));
    expect(kept.big).toBeUndefined();
    expect(kept.nested).toBeUndefined();
    expect(Object.keys(kept)).toHaveLength(MAX_ATTRIBUTES);
    expect(report).toHaveBeenCalledWith(expect.stringContaining('big'));
    expect(report).toHaveBeenCalledWith(expect.stringContaining('a303'));
  });

  it('counts bytes, not characters', () => {
    const report = vi.fn();
    expect(limitAttributes({ ['é'.repeat(75)]: 1, ['é'.repeat(76)]: 2 }, report)).toEqual({ ['é'.repeat(75)]: 1 });
    expect(cutName('€'.repeat(40), report)).toBe('€'.repeat(33));
    expect(cutName('short', report)).toBe('short');
    expect(report).toHaveBeenCalledTimes(2);
  });

  it('cuts long page URLs to 100 bytes and rejects events over 100 KB of data', () => {
    const report = vi.fn();
    const url = 'https://shop.example/' + 'p'.repeat(200);
    expect(toCustomerio(event('page', { properties: { url } }), 'email', report).name).toBe(url.slice(0, 100));
    expect(report).toHaveBeenCalledTimes(1);
    // The warning names the event it was cut in: the page by its path.
    expect(report.mock.calls[0][0]).toMatch(/^Customer\.io limits: event name cut to .*, in page "\/pricing"$/);
    expect(() => toCustomerio(event('track', { event: 'Big', properties: { blob: 'x'.repeat(100_001) } }), 'email', report)).toThrow(
      /100000/,
    );
  });

  it('omits an id that is not a ULID (a custom messageId)', () => {
    expect(toCustomerio(event('track', { event: 'E', messageId: 'custom-1' }), 'email', () => {}).id).toBeUndefined();
  });
});

describe('toRequests', () => {
  const destination = customerioDestination(config(), () => {});
  beforeAll(() => destination.ready);
  const stamp = (input: TallyEvent, person?: string) => (person ? { ...input, context: { ...input.context, cio: person } } : input);

  it('sends anonymous events one by one to /api/v1/events and known people in one /api/v2/batch, with Basic auth', () => {
    const events = [
      stamp(event('page', { messageId: '01HF7YAT00ABCDEFGHJKMNPQR1', properties: PAGE })),
      stamp(event('track', { messageId: '01HF7YAT00ABCDEFGHJKMNPQR2', event: 'A' })),
      stamp(calls.identify({ email: 'a+b@x.io' }), 'a+b@x.io'),
      stamp(calls.track(), 'a+b@x.io'),
    ];
    events[3] = { ...events[3], messageId: '01HF7YAT00ABCDEFGHJKMNPQR4' };
    const { requests, rejected } = destination.toRequests(events, TIME);
    expect(rejected).toEqual([]);
    expect(requests.map((request) => request.url)).toEqual([
      'https://track.customer.io/api/v1/events',
      'https://track.customer.io/api/v1/events',
      'https://track.customer.io/api/v2/batch',
    ]);
    for (const request of requests)
      expect(request.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Basic U0lURTpLRVk=' });
    const batch = JSON.parse(requests[2].body).batch;
    expect(batch.map((item: any) => item.action)).toEqual(['identify', 'event']);
    expect(batch[0].identifiers).toEqual({ email: 'a+b@x.io' });
    expect(requests[2].messageIds).toEqual([ULID, '01HF7YAT00ABCDEFGHJKMNPQR4']);
    expect(requests[2].bytes).toBe(Buffer.byteLength(requests[2].body));
  });

  it('puts each person in a batch of their own (a sign-out and sign-in in one flush), each one the edge forwards', () => {
    const events = [
      { ...stamp(calls.track(), 'a@x.io'), messageId: '01HF7YAT00ABCDEFGHJKMNPQA1' },
      { ...stamp(calls.track(), 'b@x.io'), messageId: '01HF7YAT00ABCDEFGHJKMNPQB1' },
      { ...stamp(calls.track(), 'a@x.io'), messageId: '01HF7YAT00ABCDEFGHJKMNPQA2' },
    ];
    const { requests } = destination.toRequests(events, TIME);
    expect(requests.map((request) => request.messageIds)).toEqual([
      ['01HF7YAT00ABCDEFGHJKMNPQA1', '01HF7YAT00ABCDEFGHJKMNPQA2'],
      ['01HF7YAT00ABCDEFGHJKMNPQB1'],
    ]);
    for (const request of requests) expect(refuseTrackBatch(JSON.parse(request.body))).toBeUndefined();
  });

  it('splits batches at the size limit and rejects an item over 32 KB', () => {
    const big = (n: number) =>
      stamp(
        event('track', {
          messageId: `01HF7YAT00ABCDEFGHJKMNP${String(n).padStart(3, '0')}`,
          event: 'E',
          properties: { blob: 'x'.repeat(20_000) },
        }),
        'p@x.io',
      );
    const huge = stamp(
      event('track', { messageId: '01HF7YAT00ABCDEFGHJKMNPZZZ', event: 'E', properties: { blob: 'x'.repeat(40_000) } }),
      'p@x.io',
    );
    const { requests, rejected } = destination.toRequests([big(1), big(2), big(3), huge], TIME, { maxBatchBytes: 50_000 });
    expect(requests.map((request) => request.messageIds.length)).toEqual([2, 1]);
    expect(requests.every((request) => request.bytes <= 50_000)).toBe(true);
    expect(rejected.map((entry) => entry.messageId)).toEqual(['01HF7YAT00ABCDEFGHJKMNPZZZ']);
  });

  it('sends an anonymous event over 32 KB on its own, whatever the limits (only its 100 KB of data is checked)', () => {
    const large = event('track', { event: 'Large', properties: { blob: 'x'.repeat(40_000) } });
    const { requests, rejected } = destination.toRequests([large], TIME, { maxBatchBytes: 1000 });
    expect(rejected).toEqual([]);
    expect(requests.map((request) => request.url)).toEqual(['https://track.customer.io/api/v1/events']);
    expect(requests[0].bytes).toBe(Buffer.byteLength(requests[0].body));
  });

  it('rejects an event it cannot map, with why, and sends the others', () => {
    const nameless = stamp(event('track', { messageId: '01HF7YAT00ABCDEFGHJKMNPQR5', event: '  ' }), 'p@x.io');
    const anonymous = event('track', { messageId: '01HF7YAT00ABCDEFGHJKMNPQR6', event: '' });
    const { requests, rejected } = destination.toRequests([nameless, anonymous, stamp(calls.track(), 'p@x.io')], TIME);
    expect(rejected).toEqual([
      { messageId: anonymous.messageId, reason: 'it cannot be sent (no name)' },
      { messageId: nameless.messageId, reason: 'it cannot be sent (no name)' },
    ]);
    expect(requests.map((request) => request.messageIds)).toEqual([[ULID]]);
  });

  it('omits Authorization for a relay without a key', async () => {
    const relay = customerioDestination(config('email', { apiHost: 'https://shop.example/cio', authorization: undefined }), () => {});
    await relay.ready;
    const [request] = relay.toRequests([event('track', { event: 'E' })], TIME).requests;
    expect(request.url).toBe('https://shop.example/cio/api/v1/events');
    expect(request.headers.Authorization).toBeUndefined();
  });
});

describe('readResponse', () => {
  const destination = customerioDestination(config(), () => {});
  beforeAll(() => destination.ready);
  const request = { url: 'u', body: '', headers: {}, messageIds: ['m0', 'm1', 'm2'], bytes: 0 };

  it('reads a 207 item by item: the refused items are dropped with their reason, the rest are done', () => {
    const body = JSON.stringify({ errors: [{ batch_index: 1, reason: 'invalid', field: 'identifiers', message: 'bad email' }] });
    expect(destination.readResponse!(request, { status: 207, retryAfter: null, body })).toEqual({
      done: ['m0', 'm2'],
      drop: [{ messageId: 'm1', reason: expect.stringContaining('bad email') }],
    });
  });

  it('leaves other statuses, and an unreadable 207, to the status', () => {
    expect(destination.readResponse!(request, { status: 200, retryAfter: null, body: '{}' })).toBeUndefined();
    expect(destination.readResponse!(request, { status: 207, retryAfter: null, body: 'oops' })!.done).toEqual(['m0', 'm1', 'm2']);
  });
});

describe('customerioDestination: mode, hosts and the key warning', () => {
  const read = (input: unknown) => {
    const problems = createProblems();
    return { config: readCustomerio(problems, input), problems: problems.errors.map((error) => error.message) };
  };

  it('picks the region host and encodes Basic auth', () => {
    expect(read({ siteId: 'S', apiKey: 'K' }).config).toMatchObject({
      apiHost: 'https://track.customer.io',
      authorization: `Basic ${btoa('S:K')}`,
      identifyBy: 'email',
      keyWarning: expect.stringMatching(/^customerio\.apiKey is in the page/),
    });
    expect(read({ siteId: 'S', apiKey: 'K', region: 'eu' }).config!.apiHost).toBe('https://track-eu.customer.io');
    expect(read({ writeKey: 'W', region: 'eu' }).config).toMatchObject({
      apiHost: 'https://cdp-eu.customer.io/v1',
      writeKey: 'W',
      keyWarning: undefined,
    });
    expect(read({ writeKey: 'W' }).config!.apiHost).toBe('https://cdp.customer.io/v1');
  });

  it('a relay needs no key and gets no warning', () => {
    expect(read({ apiHost: 'https://shop.example/cio', identifyBy: 'id' }).config).toEqual({
      apiHost: 'https://shop.example/cio',
      paths: { anonymous: '/api/v1/events', batch: '/api/v2/batch' },
      writeKey: undefined,
      authorization: undefined,
      identifyBy: 'id',
      keyWarning: undefined,
    });
    expect(read({ siteId: 'S', apiKey: 'K', apiHost: 'https://track.customer.io' }).config!.keyWarning).toBeDefined();
  });

  it('names bad fields and turns Customer.io off when unusable', () => {
    expect(read({ siteId: 'S' })).toEqual({
      config: null,
      problems: ['customerio: needs siteId and apiKey, writeKey, or apiHost (or the edge option)'],
    });
    expect(read({ siteId: 'S', apiKey: 'K', region: 'mars' }).problems).toEqual([
      expect.stringMatching(/^customerio.region: expected one of "us", "eu"/),
    ]);
    expect(read('key').problems[0]).toMatch(/^customerio: expected an object/);
    expect(read(undefined)).toEqual({ config: null, problems: [] });
  });

  it('warns once whenever an apiKey is in the page, whatever else is set; never for a pk_ writeKey, a relay alone or Pipelines', () => {
    const report = vi.fn();
    const warned = (input: object) => {
      report.mockClear();
      const problems = createProblems();
      customerioDestination(readCustomerio(problems, input, undefined)!, report);
      expect(problems.errors).toEqual([]);
      return report.mock.calls.map((call) => call[0]);
    };
    const inPage =
      'customerio.apiKey is in the page, where every visitor can read it. Put a public pk_ key or a Pipelines key in writeKey, or keep the key on a server (the edge, or a relay as apiHost)';
    expect(warned({ siteId: 'S', apiKey: 'K' })).toEqual([inPage]);
    expect(warned({ siteId: 'S', apiKey: 'K', region: 'eu' })).toEqual([inPage]);
    expect(warned({ siteId: 'S', apiKey: 'K', apiHost: 'https://track-eu.customer.io' })).toEqual([inPage]);
    // Pipelines wins and the Track API key is sent nowhere, but every visitor can read it.
    expect(warned({ siteId: 'S', apiKey: 'K', writeKey: 'W' })).toEqual([inPage]);
    // A public key is no secret, but Customer.io's SDKs take it as their Pipelines key: the same advice, writeKey.
    expect(warned({ siteId: 'S', apiKey: 'pk_live_1' })).toEqual([inPage]);
    // A relay or a third party as apiHost gets the Basic auth header: the warning names where it goes.
    for (const apiHost of [
      'https://shop.example/cio',
      'https://third-party.example',
      'https://customer.io.evil.example',
      'http://127.0.0.1:8787',
    ]) {
      expect(warned({ siteId: 'S', apiKey: 'K', apiHost })).toEqual([`${inPage}. Its Authorization header goes to ${apiHost}`]);
    }
    expect(warned({ apiHost: 'https://shop.example/cio' })).toEqual([]);
    expect(warned({ writeKey: 'W' })).toEqual([]);
    expect(warned({ writeKey: 'pk_live_2' })).toEqual([]);
  });

  it('warns about an apiKey in the page through the edge too, which sends no Authorization', () => {
    const problems = createProblems();
    const config = readCustomerio(problems, { siteId: 'S', apiKey: 'K' }, '/t');
    expect(config).toMatchObject({ authorization: undefined, keyWarning: expect.stringMatching(/^customerio\.apiKey is in the page/) });
    expect(config!.keyWarning).not.toContain('Authorization');
  });

  it('a secret key (sk_, ak_) turns Customer.io off with one error that says why and what to use', () => {
    for (const [input, field] of [
      [{ siteId: 'S', apiKey: 'sk_live_1' }, 'apiKey'],
      [{ writeKey: 'ak_2' }, 'writeKey'],
      [{ siteId: 'S', apiKey: 'sk_live_1', apiHost: 'https://shop.example/cio' }, 'apiKey'],
    ] as const) {
      const { config, problems } = read(input);
      expect(config).toBeNull();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        new RegExp(`^customerio\\.${field}: is a secret key \\((sk|ak)_…\\).*Customer\\.io is off\\. Put a public pk_ key`),
      );
    }
  });

  it('Pipelines mode is the Segment batch mapper with the Customer.io name and host', () => {
    const destination = customerioDestination(read({ writeKey: 'W', region: 'eu' }).config!, () => {});
    expect(destination.name).toBe('Customer.io');
    expect(destination.prepare).toBeUndefined();
    const [request] = destination.toRequests([calls.track()], TIME).requests;
    expect(request.url).toBe('https://cdp-eu.customer.io/v1/batch');
    expect(JSON.parse(request.body)).toMatchObject({ writeKey: 'W', batch: [{ type: 'track', event: 'Order Completed' }] });
  });

  it('Pipelines: an alias goes to its own /alias endpoint (the /batch spec has no alias), the rest in one batch', () => {
    const destination = customerioDestination(read({ writeKey: 'W' }).config!, () => {});
    const alias = event('alias', { userId: 'u-2', previousId: 'u-1' });
    const { requests, rejected } = destination.toRequests([calls.track(), alias, calls.page()], TIME);
    expect(rejected).toEqual([]);
    expect(requests.map((request) => request.url)).toEqual(['https://cdp.customer.io/v1/batch', 'https://cdp.customer.io/v1/alias']);
    expect(JSON.parse(requests[0].body).batch.map((item: TallyEvent) => item.type)).toEqual(['track', 'page']);
    const body = JSON.parse(requests[1].body);
    expect(body).toMatchObject({ type: 'alias', userId: 'u-2', previousId: 'u-1', writeKey: 'W', sentAt: TIME });
    expect(requests[1].bytes).toBe(new TextEncoder().encode(requests[1].body).length);
  });
});
