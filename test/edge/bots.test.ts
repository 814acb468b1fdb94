// The edge's bot filter: a crawler's batch is checked like any other, then answered 200 unforwarded and counted in a log
// line (at most one a minute); a missing user agent is forwarded, a huge one dropped at once; `bots: 'off'` forwards all.
import { describe, expect, it, vi } from 'vitest';
import { createEdge, EdgeConfigError, type EdgeOptions } from '../../src/edge/index';
import { createBotFilter, BOT_LOG_INTERVAL_MS } from '../../src/edge/bots';

const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';

function setup(extra: Partial<EdgeOptions> = {}) {
  const upstream: string[] = [];
  const lines: string[] = [];
  const fetch = vi.fn(async (url: string | URL | Request) => {
    upstream.push(String(url));
    return new Response('{}', { status: 200 });
  });
  const edge = createEdge({
    segment: { writeKeys: ['SEG'], upstream: 'https://seg.test/v1' },
    fetch: fetch as typeof globalThis.fetch,
    log: (line) => lines.push(line),
    ...extra,
  });
  return { edge, upstream, lines };
}

const batch = (writeKey = 'SEG') => JSON.stringify({ batch: [{ type: 'track', event: 'E', anonymousId: 'a', context: {} }], writeKey });
const post = (userAgent: string | undefined, writeKey?: string) =>
  new Request('https://shop.example/t/s/batch', {
    method: 'POST',
    body: batch(writeKey),
    headers: { 'content-type': 'text/plain', ...(userAgent === undefined ? {} : { 'user-agent': userAgent }) },
  });

describe('the edge and crawlers', () => {
  it('answers a crawler 200 without forwarding, and logs the count', async () => {
    const { edge, upstream, lines } = setup();
    for (let i = 0; i < 3; i++) expect((await edge(post(GOOGLEBOT))).status).toBe(200);
    expect(upstream).toEqual([]);
    expect(lines).toEqual([expect.stringContaining('dropped 1 request(s) from crawlers')]);
    expect(lines[0]).toContain('"Google"');
    expect((await edge(post(FIREFOX))).status).toBe(200);
    expect(upstream).toEqual(['https://seg.test/v1/batch']);
  });

  it('still refuses what it refuses anyone (a foreign write key): the check replaces only the forwarding', async () => {
    const { edge, lines } = setup();
    expect((await edge(post(GOOGLEBOT, 'someone-else'))).status).toBe(403);
    expect(lines).toEqual([]);
  });

  it('forwards a request without a user agent, and drops a huge one at once', async () => {
    const { edge, upstream } = setup();
    expect((await edge(post(undefined))).status).toBe(200);
    expect((await edge(post(''))).status).toBe(200);
    expect(upstream).toHaveLength(2);
    const started = performance.now();
    expect((await edge(post('Mozilla/5.0 ' + 'a('.repeat(200_000)))).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(200);
    expect(upstream).toHaveLength(2);
  });

  it("forwards crawlers with bots: 'off', and names a bad bots or log option", async () => {
    const { edge, upstream } = setup({ bots: 'off' });
    await edge(post(GOOGLEBOT));
    expect(upstream).toHaveLength(1);
    expect(() => setup({ bots: 'flag' as 'off' })).toThrow(EdgeConfigError);
    expect(() => setup({ bots: 'flag' as 'off' })).toThrow(/bots/);
    expect(() => setup({ log: 'console' as unknown as () => void })).toThrow(/log/);
  });
});

describe('createBotFilter', () => {
  it('logs the first drop at once, then at most one line a minute with the running count', () => {
    const lines: string[] = [];
    let now = 0;
    const drop = createBotFilter(
      (line) => lines.push(line),
      () => now,
    );
    for (let i = 0; i < 5; i++) expect(drop(GOOGLEBOT)).toBe(true);
    expect(drop(FIREFOX)).toBe(false);
    now = BOT_LOG_INTERVAL_MS;
    drop('curl/8.4.0');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('dropped 6 request(s)');
  });
});
