// The edge's Fetch handler against a fake upstream: its paths and methods, the write-key allow-list, the Origin check, the
// size limit before and after gzip, the visitor's IP, status and Retry-After passed back, an unreachable upstream, a
// malformed body, the identity cookie, and the Track API key that never leaves the server.
import { describe, expect, it, vi } from 'vitest';
import { createEdge, EdgeConfigError, type EdgeOptions } from '../../src/edge/index';

const SITE = 'https://shop.example';
/** anonymousIds as the SDK writes them (UUIDs): the edge refreshes no other cookie value. */
const ANON = '6f1d7c1e-2b4a-4c3d-9e8f-0a1b2c3d4e5f';
const ANON_B = '0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b';
const API_KEY = 'secret-track-key';

/** An edge over a recording fake upstream that answers `answer`. */
function setup(extra: Partial<EdgeOptions> = {}, answer: () => Response | Promise<Response> = () => new Response('{}', { status: 200 })) {
  const upstream: Array<{ url: string; init: RequestInit }> = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    upstream.push({ url: String(url), init: init ?? {} });
    return answer();
  });
  const edge = createEdge({
    segment: { writeKeys: ['SEG'], upstream: 'https://seg.test/v1' },
    customerio: { siteId: 'SITE', apiKey: API_KEY, upstream: 'https://track.test' },
    pipelines: { writeKeys: ['CDP'], upstream: 'https://cdp.test/v1' },
    fetch: fetch as typeof globalThis.fetch,
    ...extra,
  });
  return { edge, upstream };
}

const batch = (writeKey = 'SEG', events: object[] = [{ type: 'track', event: 'E', anonymousId: 'anon-1', context: {} }]) =>
  JSON.stringify({ batch: events, sentAt: 'now', writeKey });
const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(`${SITE}${path}`, { method: 'POST', body, headers: { 'content-type': 'text/plain', ...headers } });

describe('createEdge', () => {
  it('forwards a Segment batch with an allowed key to /batch, filling context.ip from X-Forwarded-For (trustProxy)', async () => {
    const { edge, upstream } = setup({ trustProxy: true });
    const response = await edge(post('/t/s/batch', batch(), { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }));
    expect(response.status).toBe(200);
    expect(upstream[0].url).toBe('https://seg.test/v1/batch');
    const sent = JSON.parse(upstream[0].init.body as string);
    expect(sent.batch[0].context.ip).toBe('203.0.113.7');
    expect(sent.writeKey).toBe('SEG');
  });

  it('keeps an ip the event already has; X-Forwarded-For only with trustProxy, else the platform address', async () => {
    const { edge, upstream } = setup();
    const trusting = setup({ trustProxy: true });
    const twoEvents = batch('SEG', [{ type: 'track', context: { ip: '1.1.1.1' } }, { type: 'track' }]);
    const forwardedFor = { 'x-forwarded-for': '203.0.113.9' };
    await edge(post('/t/s/batch', twoEvents, forwardedFor), { clientAddress: '198.51.100.1' });
    await edge(post('/t/s/batch', twoEvents, forwardedFor), { clientAddress: '::ffff:127.0.0.1' });
    await trusting.edge(post('/t/s/batch', twoEvents, forwardedFor), { clientAddress: '::ffff:127.0.0.1' });
    await trusting.edge(post('/t/s/batch', twoEvents), { clientAddress: '10.0.0.2' });
    const ips = [...upstream, ...trusting.upstream].map(({ init }) =>
      JSON.parse(init.body as string).batch.map((event: { context: { ip: string } }) => event.context.ip),
    );
    expect(ips).toEqual([
      ['1.1.1.1', '198.51.100.1'],
      ['1.1.1.1', '127.0.0.1'],
      ['1.1.1.1', '203.0.113.9'],
      ['1.1.1.1', '10.0.0.2'],
    ]);
  });

  it('refuses a foreign write key and never forwards it: the edge is no open relay', async () => {
    const { edge, upstream } = setup();
    expect((await edge(post('/t/s/batch', batch('SOMEONE-ELSES')))).status).toBe(403);
    expect((await edge(post('/t/p/batch', batch('SEG')))).status).toBe(403);
    expect(upstream).toEqual([]);
  });

  it('answers only its own paths and POST', async () => {
    const { edge, upstream } = setup();
    expect((await edge(post('/t/anything', batch()))).status).toBe(404);
    expect((await edge(post('/v1/batch', batch()))).status).toBe(404);
    expect((await edge(new Request(`${SITE}/t/s/batch`))).status).toBe(405);
    const withoutPipelines = setup({ pipelines: undefined });
    expect((await withoutPipelines.edge(post('/t/p/batch', batch('CDP')))).status).toBe(404);
    expect(upstream).toEqual([]);
  });

  it('adds the Track API credentials itself; the key never appears in an answer', async () => {
    const { edge, upstream } = setup({}, () => new Response('{"meta":{"error":"bad"}}', { status: 401 }));
    const response = await edge(post('/t/c/2', '{"batch":[]}'));
    expect(upstream[0].url).toBe('https://track.test/api/v2/batch');
    expect((upstream[0].init.headers as Record<string, string>).Authorization).toBe(`Basic ${btoa(`SITE:${API_KEY}`)}`);
    const text = await response.text();
    expect(response.status).toBe(401);
    expect(text + JSON.stringify([...response.headers])).not.toContain(API_KEY);
    expect(text + JSON.stringify([...response.headers])).not.toContain(btoa(`SITE:${API_KEY}`));
    await edge(post('/t/c/1', '{"name":"E","anonymous_id":"a","type":"event"}'));
    expect(upstream[1].url).toBe('https://track.test/api/v1/events');
  });

  it('passes the status and Retry-After back, so the SDK retries as it would against the service', async () => {
    const { edge } = setup({}, () => new Response('slow down', { status: 429, headers: { 'Retry-After': '7', 'X-Internal': 'no' } }));
    const response = await edge(post('/t/s/batch', batch()));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('x-internal')).toBeNull();
  });

  it('answers 502 when the upstream cannot be reached', async () => {
    const { edge } = setup({}, () => {
      throw new TypeError('fetch failed');
    });
    expect((await edge(post('/t/s/batch', batch()))).status).toBe(502);
  });

  it('refuses a malformed body with 400, a body past the limit with 413 before reading it whole', async () => {
    const { edge, upstream } = setup({ maxBodyBytes: 1000 });
    expect((await edge(post('/t/s/batch', '{not json'))).status).toBe(400);
    expect((await edge(post('/t/c/2', 'nope'))).status).toBe(400);
    expect((await edge(post('/t/s/batch', 'x'.repeat(2000)))).status).toBe(413);
    // A body that lies about its length, streamed: cut at the limit.
    let pulled = 0;
    const endless = new ReadableStream({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(600));
        if (pulled > 1000) controller.close();
      },
    });
    const streamed = new Request(`${SITE}/t/s/batch`, { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
    expect((await edge(streamed)).status).toBe(413);
    expect(pulled).toBeLessThan(10);
    expect(upstream).toEqual([]);
  });

  it('decompresses a gzip body, and refuses one that inflates past the limit', async () => {
    const { edge, upstream } = setup({ maxBodyBytes: 5000 });
    const gzip = async (text: string) => new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
    const small = await edge(post('/t/s/batch', await gzip(batch()), { 'content-encoding': 'gzip' }));
    expect(small.status).toBe(200);
    expect(JSON.parse(upstream[0].init.body as string).writeKey).toBe('SEG');
    const bomb = await edge(post('/t/s/batch', await gzip(' '.repeat(100_000)), { 'content-encoding': 'gzip' }));
    expect(bomb.status).toBe(413);
    expect((await edge(post('/t/s/batch', 'x', { 'content-encoding': 'br' }))).status).toBe(415);
  });

  it('checks the Origin: its own and the allowed ones pass, others get 403; OPTIONS only for an allowed cross origin', async () => {
    const { edge } = setup({ allowedOrigins: ['https://app.example'] });
    expect((await edge(post('/t/s/batch', batch(), { origin: SITE }))).status).toBe(200);
    expect((await edge(post('/t/s/batch', batch(), { origin: 'https://evil.example' }))).status).toBe(403);
    const cross = await edge(post('/t/s/batch', batch(), { origin: 'https://app.example' }));
    expect(cross.headers.get('access-control-allow-origin')).toBe('https://app.example');
    // Its refusals are readable too (a 413 or 403 without CORS headers would look like a network error, and be retried).
    const tooBig = await setup({ allowedOrigins: ['https://app.example'], maxBodyBytes: 10 }).edge(
      post('/t/s/batch', batch(), { origin: 'https://app.example' }),
    );
    expect([tooBig.status, tooBig.headers.get('access-control-allow-origin')]).toEqual([413, 'https://app.example']);
    const foreign = await edge(post('/t/s/batch', batch('OTHER'), { origin: 'https://app.example' }));
    expect([foreign.status, foreign.headers.get('access-control-allow-origin')]).toEqual([403, 'https://app.example']);
    const preflight = await edge(new Request(`${SITE}/t/s/batch`, { method: 'OPTIONS', headers: { origin: 'https://app.example' } }));
    expect(preflight.status).toBe(204);
    expect((await edge(new Request(`${SITE}/t/s/batch`, { method: 'OPTIONS' }))).status).toBe(405);
  });

  it('extends the ajs_anonymous_id cookie the browser sent for a year, at most once a day per id, never creating one', async () => {
    const { edge } = setup();
    const first = await edge(post('/t/s/batch', batch(), { cookie: `other=1; ajs_anonymous_id=${ANON}` }));
    expect(first.headers.getSetCookie()).toEqual([
      `ajs_anonymous_id=${ANON}; Max-Age=31536000; Path=/; SameSite=Lax; Secure`,
      `tally_edge_refreshed=${ANON}; Max-Age=86400; Path=/; SameSite=Lax; Secure`,
    ]);
    const again = await edge(post('/t/s/batch', batch(), { cookie: 'ajs_anonymous_id=${ANON}; tally_edge_refreshed=${ANON}' }));
    expect(again.headers.getSetCookie()).toEqual([]);
    // A new id (reset(), another user) is extended at once, its value written back as the SDK encoded it.
    const reset = await edge(post('/t/c/2', '{"batch":[]}', { cookie: `ajs_anonymous_id=%22${ANON_B}%22; tally_edge_refreshed=${ANON}` }));
    expect(reset.headers.getSetCookie()[0]).toMatch(new RegExp(`^ajs_anonymous_id=%22${ANON_B}%22; Max-Age=31536000;`));
    // No cookie (no consent, cookies blocked): the id in the batch does not make one.
    expect((await edge(post('/t/s/batch', batch()))).headers.getSetCookie()).toEqual([]);
    // A cross-origin page's cookies are not the edge's to set.
    const crossEdge = setup({ allowedOrigins: ['https://app.example'] }).edge;
    const cross = await crossEdge(post('/t/s/batch', batch(), { cookie: `ajs_anonymous_id=${ANON}`, origin: 'https://app.example' }));
    expect(cross.headers.getSetCookie()).toEqual([]);
  });

  it('sets the cookie on the domain the SDK names (when the page is on it), or the configured one; plain http is not Secure', async () => {
    const { edge } = setup();
    const withDomain = (domain: string, site = SITE) =>
      edge(
        new Request(`${site}/t/s/batch`, {
          method: 'POST',
          body: batch(),
          headers: { cookie: `ajs_anonymous_id=${ANON}`, 'x-tally-cookie-domain': domain, origin: site },
        }),
      );
    expect((await withDomain('shop.example')).headers.getSetCookie()[0]).toMatch(/; Domain=shop\.example$/);
    expect((await withDomain('shop.example', 'https://www.shop.example')).headers.getSetCookie()[0]).toMatch(/; Domain=shop\.example$/);
    expect((await withDomain('.shop.example', 'https://www.shop.example')).headers.getSetCookie()[0]).toMatch(/; Domain=\.shop\.example$/);
    // Not the page's host or a parent of it (the browser would refuse the cookie): host-only.
    expect((await withDomain('elsewhere.example')).headers.getSetCookie()[0]).not.toContain('Domain');
    expect((await withDomain('bad domain;')).headers.getSetCookie()[0]).not.toContain('Domain');
    const configured = setup({ cookieDomain: 'shop.example' }).edge;
    const set = await configured(
      new Request('http://shop.example/t/s/batch', { method: 'POST', body: batch(), headers: { cookie: `ajs_anonymous_id=${ANON}` } }),
    );
    expect(set.headers.getSetCookie()[0]).toBe(`ajs_anonymous_id=${ANON}; Max-Age=31536000; Path=/; SameSite=Lax; Domain=shop.example`);
  });

  it("behind a proxy (its own URL http://127.0.0.1:8790), the page's origin is read from X-Forwarded-* or Sec-Fetch-Site", async () => {
    const { edge, upstream } = setup();
    const proxied = (headers: Record<string, string>) =>
      edge(
        new Request('http://127.0.0.1:8790/t/s/batch', {
          method: 'POST',
          body: batch(),
          headers: { cookie: `ajs_anonymous_id=${ANON}`, ...headers },
        }),
      );
    const forwarded = await proxied({ origin: SITE, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example' });
    expect(forwarded.status).toBe(200);
    expect(forwarded.headers.getSetCookie()[0]).toContain('; Secure');
    // A proxy that rewrote Host and sent nothing: the browser's Sec-Fetch-Site still says same-origin.
    expect((await proxied({ origin: SITE, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await proxied({ origin: SITE })).status).toBe(403);
    expect((await proxied({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(upstream).toHaveLength(2);
  });

  it('validates its options at creation, naming the field', () => {
    expect(() => createEdge({} as EdgeOptions)).toThrow(EdgeConfigError);
    expect(() => createEdge({ segment: { writeKeys: [] } })).toThrow(/segment\.writeKeys/);
    expect(() => createEdge({ customerio: { siteId: 'S', apiKey: '' } })).toThrow(/customerio\.apiKey/);
    expect(() => createEdge({ segment: { writeKeys: ['K'], upstream: 'ftp://x' } })).toThrow(/segment\.upstream/);
    expect(() => createEdge({ segment: { writeKeys: ['K'] }, maxBodyBytes: -1 })).toThrow(/maxBodyBytes/);
    expect(() => createEdge({ segment: { writeKeys: ['K'] }, basePath: 'no-slash' })).toThrow(/basePath/);
    expect(() => createEdge({ segment: { writeKeys: ['K'] }, cookieDomain: 'a b' })).toThrow(/cookieDomain/);
  });
});
