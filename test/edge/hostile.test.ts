// The edge against hostile input and misbehaving upstreams (issue 21): the Track API key lent only for what tally sends,
// per-event write keys, stalled, redirecting, null-body and cut-off upstreams, the edge's own answers, the cookie it
// writes back, and deeply nested JSON. Upstreams are fetch stubs, or a real loopback server where sockets matter.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEdge, type EdgeOptions } from '../../src/edge/index';
import { toCustomerio } from '../../src/destinations/customerio/mapping';
import type { TallyEvent } from '../../src/event/types';

const SITE = 'https://shop.example';
const API_KEY = 'secret-track-key';
const servers: Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done)))));

/** An edge over a recording fetch stub that answers `answer` (given the call's init, for its signal). */
function setup(extra: Partial<EdgeOptions> = {}, answer: (init: RequestInit) => Response | Promise<Response> = () => new Response('{}')) {
  const upstream: Array<{ url: string; init: RequestInit }> = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    upstream.push({ url: String(url), init: init ?? {} });
    return answer(init ?? {});
  });
  const edge = createEdge({
    segment: { writeKeys: ['SEG'], upstream: 'https://seg.test/v1' },
    customerio: { siteId: 'SITE', apiKey: API_KEY, upstream: 'https://track.test' },
    fetch: fetch as typeof globalThis.fetch,
    ...extra,
  });
  return { edge, upstream };
}

const post = (path: string, body: BodyInit, init: RequestInit = {}) =>
  new Request(`${SITE}${path}`, { method: 'POST', body, ...init, headers: { 'content-type': 'text/plain', ...init.headers } });
const segmentBatch = (events: object[] = [{ type: 'track', event: 'E', anonymousId: 'a' }]) =>
  JSON.stringify({ writeKey: 'SEG', batch: events });
const item = (extra: object = {}) => ({ type: 'person', identifiers: { id: 'u-1' }, action: 'event', name: 'E', timestamp: 1, ...extra });
const trackBatch = (...items: object[]) => JSON.stringify({ batch: items });

describe('the Track API route lends the key only for what tally sends (point 2)', () => {
  it("forwards the mapper's items: a person's identify, event, page and screen by one id or email", async () => {
    const { edge, upstream } = setup();
    const ok = trackBatch(item(), item({ action: 'page', name: 'https://shop.example/' }), item({ action: 'screen', name: 'Home' }), {
      type: 'person',
      identifiers: { id: 'u-1' },
      action: 'identify',
      timestamp: 1,
      attributes: { email: 'ann@x.example', anonymous_id: 'a' },
    });
    expect((await edge(post('/t/c/2', ok))).status).toBe(200);
    // By email, the user id goes along as the id attribute (mapping.ts); an earlier item by email, a later one by id.
    const byEmail = { type: 'person', identifiers: { email: 'ann@x.example' }, action: 'identify', attributes: { id: 'u-1' } };
    expect((await edge(post('/t/c/2', trackBatch(byEmail, item())))).status).toBe(200);
    expect(
      (await edge(post('/t/c/1', JSON.stringify({ anonymous_id: 'a', type: 'page', name: 'https://shop.example/', data: {} })))).status,
    ).toBe(200);
    expect(upstream).toHaveLength(3);
  });

  it("forwards what the SDK's own mapper writes, by id and by email (mapping.ts)", async () => {
    const { edge, upstream } = setup();
    const event = (type: string, extra: object, cio?: string, cioBy?: string) =>
      ({
        type,
        messageId: '01HF7YAT00ABCDEFGHJKMNPQRS',
        anonymousId: 'a-1',
        timestamp: '2026-12-07T00:00:00.000Z',
        context: { cio, cioBy },
        ...extra,
      }) as unknown as TallyEvent;
    const events = (cio: string, by: 'id' | 'email') => [
      event('identify', { userId: 'u-1', traits: { email: 'ann@x.example', name: 'Ann', createdAt: '2026-01-01' } }, cio, by),
      event('track', { event: 'Bought', properties: { id: 'sku-1', total: 3 } }, cio, by),
      event('page', { properties: { url: 'https://shop.example/' } }, cio, by),
      event('screen', { name: 'Home', properties: {} }, cio, by),
    ];
    for (const [cio, by] of [
      ['u-1', 'id'],
      ['ann@x.example', 'email'],
    ] as const) {
      const items = events(cio, by).map((one) => toCustomerio(one, by, () => undefined));
      expect((await edge(post('/t/c/2', JSON.stringify({ batch: items })))).status).toBe(200);
    }
    const anonymous = toCustomerio(event('track', { event: 'Viewed', properties: {} }), 'id', () => undefined);
    expect((await edge(post('/t/c/1', JSON.stringify(anonymous)))).status).toBe(200);
    expect(upstream).toHaveLength(3);
  });

  it('refuses with 403 naming the item: other actions, objects, other fields, two identifiers, a second person', async () => {
    const { edge, upstream } = setup();
    const refusals: Array<[object[], RegExp]> = [
      [[item({ action: 'delete' })], /item 0: action "delete"/],
      [[item(), item({ action: 'suppress' })], /item 1: action "suppress"/],
      [[item({ action: 'merge', primary: { id: 'a' }, secondary: { id: 'b' } })], /item 0: field "primary"/],
      [[item({ action: 'add_device', device: {} })], /item 0: field "device"/],
      [[{ type: 'object', identifiers: { object_type_id: '1', object_id: 'x' }, action: 'delete' }], /item 0: type "object"/],
      [[item({ identifiers: { id: 'u-1', email: 'x@x.example' } })], /item 0: identifiers/],
      [[item({ identifiers: { cio_id: 'abc' } })], /item 0: identifiers/],
      [[item(), item({ identifiers: { id: 'someone-else' } })], /item 1: addresses a second person/],
      [[item(), item({ action: 'identify', attributes: { cio_relationships: [] } })], /item 1: attribute "cio_relationships"/],
      // By email, an id attribute that names another person than the batch's own id: re-keying someone else.
      [
        [item(), { type: 'person', identifiers: { email: 'e@x.example' }, action: 'identify', attributes: { id: 'victim' } }],
        /item 1: attribute "id"/,
      ],
    ];
    for (const [items, reason] of refusals) {
      const response = await edge(post('/t/c/2', trackBatch(...items)));
      expect([response.status, (await response.json()).error]).toEqual([403, expect.stringMatching(reason)]);
    }
    const v1 = await edge(post('/t/c/1', JSON.stringify({ anonymous_id: 'a', name: 'E', customer_id: 'victim' })));
    expect([v1.status, (await v1.json()).error]).toEqual([403, expect.stringMatching(/field "customer_id"/)]);
    expect((await edge(post('/t/c/1', JSON.stringify({ name: 'E' })))).status).toBe(403);
    expect((await edge(post('/t/c/2', JSON.stringify({ batch: [item()], extra: 1 })))).status).toBe(403);
    expect(upstream).toEqual([]);
  });
});

describe('write keys (point 5)', () => {
  it('refuses a batch whose event carries another writeKey than the listed one', async () => {
    const { edge, upstream } = setup();
    const response = await edge(
      post(
        '/t/s/batch',
        segmentBatch([
          { type: 'track', event: 'E' },
          { type: 'track', event: 'E', writeKey: 'OTHER' },
        ]),
      ),
    );
    expect([response.status, (await response.json()).error]).toEqual([403, expect.stringMatching(/event 1 carries another writeKey/)]);
    expect((await edge(post('/t/s/batch', segmentBatch([{ type: 'track', event: 'E', writeKey: 'SEG' }])))).status).toBe(200);
    expect(upstream).toHaveLength(1);
  });
});

describe('a stalled or misbehaving upstream (points 3, 4, 6, 7)', () => {
  /** A fetch stub that never answers, but rejects when its signal aborts (as fetch does). */
  const hanging = (init: RequestInit) =>
    new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

  it('times the upstream out: 504 with Retry-After, after upstreamTimeoutMs', async () => {
    const { edge } = setup({ upstreamTimeoutMs: 50 }, hanging);
    const started = Date.now();
    const response = await edge(post('/t/s/batch', segmentBatch()));
    expect([response.status, response.headers.get('retry-after')]).toEqual([504, '10']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("passes the client's abort on to the upstream call", async () => {
    const { edge, upstream } = setup({}, hanging);
    const client = new AbortController();
    const answered = edge(post('/t/s/batch', segmentBatch(), { signal: client.signal }));
    await vi.waitFor(() => expect(upstream).toHaveLength(1));
    client.abort();
    await answered;
    expect(upstream[0].init.signal?.aborted).toBe(true);
  });

  it('bounds requests in progress: past maxConcurrentUpstream, 503 with Retry-After, unread', async () => {
    const { edge, upstream } = setup({ maxConcurrentUpstream: 2, upstreamTimeoutMs: 200 }, hanging);
    const held = [edge(post('/t/s/batch', segmentBatch())), edge(post('/t/s/batch', segmentBatch()))];
    const third = await edge(post('/t/s/batch', segmentBatch()));
    expect([third.status, third.headers.get('retry-after')]).toEqual([503, '10']);
    expect((await Promise.all(held)).map((response) => response.status)).toEqual([504, 504]);
    // The places are given back.
    expect(upstream).toHaveLength(2);
    expect((await setup({ maxConcurrentUpstream: 1 }).edge(post('/t/s/batch', segmentBatch()))).status).toBe(200);
  });

  it('passes a null-body status (204, 205, 304) on without a body, instead of a 500', async () => {
    for (const status of [204, 205, 304]) {
      const { edge } = setup({}, () => new Response(null, { status }));
      const response = await edge(post('/t/s/batch', segmentBatch()));
      expect([response.status, await response.text()]).toEqual([status, '']);
    }
  });

  it("never follows a redirect: redirect 'manual', and a 3xx is 502", async () => {
    const { edge, upstream } = setup({}, () => new Response(null, { status: 307, headers: { location: 'https://elsewhere.example/' } }));
    expect((await edge(post('/t/c/2', trackBatch(item())))).status).toBe(502);
    expect(upstream[0].init.redirect).toBe('manual');
  });

  it("answers with its own small JSON, never the upstream's bytes or content type; a 207 keeps its item errors", async () => {
    const echo = (init: RequestInit) =>
      new Response(`<html>${JSON.stringify(init.headers)}</html>`, {
        status: 400,
        headers: { 'content-type': 'text/html', 'retry-after': '3' },
      });
    const response = await setup({}, echo).edge(post('/t/c/2', trackBatch(item())));
    const text = await response.text();
    expect([response.status, response.headers.get('content-type'), response.headers.get('retry-after'), text]).toEqual([
      400,
      'application/json',
      '3',
      '{"status":400}',
    ]);
    const partial = setup({}, () =>
      Response.json({ errors: [{ batch_index: 1, reason: 'invalid', field: 'name', message: `bad ${API_KEY}` }] }, { status: 207 }),
    );
    const answer = await partial.edge(post('/t/c/2', trackBatch(item(), item())));
    expect(await answer.json()).toEqual({
      status: 207,
      errors: [{ batch_index: 1, reason: 'invalid', field: 'name', message: 'bad [redacted]' }],
    });
  });

  it('answers 502 when the upstream drops the connection after its headers (a real loopback server)', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('{"partial":');
      setTimeout(() => res.destroy(), 20);
    });
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    const edge = createEdge({ segment: { writeKeys: ['SEG'], upstream: `http://127.0.0.1:${port}/v1` } });
    expect((await edge(post('/t/s/batch', segmentBatch()))).status).toBe(502);
  });
});

describe('what the edge takes from the client (point 9)', () => {
  const uuid = '6f1d7c1e-2b4a-4c3d-9e8f-0a1b2c3d4e5f';
  it('refreshes only an ajs_anonymous_id shaped like the ids the SDK writes (a UUID, maybe JSON-quoted)', async () => {
    const { edge } = setup();
    const setCookies = async (value: string) =>
      (await edge(post('/t/s/batch', segmentBatch(), { headers: { cookie: `ajs_anonymous_id=${value}` } }))).headers.getSetCookie();
    for (const value of [uuid, `%22${uuid}%22`, `"${uuid}"`]) expect(await setCookies(value)).toHaveLength(2);
    for (const value of ['x'.repeat(8000), `${uuid}x`, `%22${uuid}`, 'anon; Domain=evil.example', 'visitor-1'])
      expect(await setCookies(value)).toEqual([]);
  });

  it('answers 400 to deeply nested JSON, on every route', async () => {
    const { edge, upstream } = setup();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const nested = JSON.stringify({
      writeKey: 'SEG',
      batch: [{ type: 'track', properties: JSON.parse('['.repeat(200) + ']'.repeat(200)) }],
    });
    for (const [path, body] of [
      ['/t/s/batch', deep],
      ['/t/s/batch', nested],
      ['/t/c/2', deep],
    ])
      expect((await edge(post(path, body))).status).toBe(400);
    expect(upstream).toEqual([]);
  });
});
