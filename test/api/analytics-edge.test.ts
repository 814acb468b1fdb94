// @vitest-environment happy-dom
// Through a same-origin edge, the instance's requests name the identity cookies' domain (so the edge extends the SDK's own
// cookie), and only when identity is kept in cookies.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnalytics } from '../../src/api/analytics';
import type { Options } from '../../src/config/config';

/** An instance over a stubbed fetch; resolves with the first request it made. */
async function firstRequest(options: Options): Promise<{ url: string; headers: Record<string, string> }> {
  const sent: Array<{ url: string; headers: Record<string, string> }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({ url, headers: init.headers as Record<string, string> });
      return new Response('{}', { status: 200 });
    }),
  );
  const analytics = createAnalytics('WK', { flushAt: 1, ...options }, { listen: false });
  await analytics.track('Edge Test');
  await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
  return sent[0];
}

afterEach(() => {
  vi.unstubAllGlobals();
  for (const pair of document.cookie.split('; ')) {
    document.cookie = `${pair.split('=')[0]}=; Max-Age=0; Path=/; Domain=localhost`;
  }
});

describe('edge option', () => {
  it("sends to the edge's path with the cookie domain the SDK writes on", async () => {
    const request = await firstRequest({ edge: '/t', cookie: { domain: 'localhost' } });
    expect(request.url).toBe('/t/s/batch');
    expect(request.headers['X-Tally-Cookie-Domain']).toBe('localhost');
  });

  it('names no domain for host-only cookies, nor to a third-party host', async () => {
    expect((await firstRequest({ edge: '/t' })).headers['X-Tally-Cookie-Domain']).toBeUndefined();
    const direct = await firstRequest({ cookie: { domain: 'localhost' } });
    expect(direct.url).toBe('https://api.segment.io/v1/batch');
    expect(direct.headers['X-Tally-Cookie-Domain']).toBeUndefined();
  });
});
