// The example relay: Origin check, path allow-list, credentials added on the server, answers passed through.
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay } from '../../examples/relay/relay.mjs';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => stop?.());

async function relay() {
  const forwarded: Array<{ url: string; init: any }> = [];
  const fetchImpl = async (url: string, init: any) => {
    forwarded.push({ url, init });
    return new Response('{"errors":[]}', { status: 207, headers: { 'retry-after': '3' } });
  };
  const started = await startRelay({
    siteId: 'S',
    apiKey: 'K',
    allowedOrigins: ['https://shop.example'],
    target: 'https://track-eu.customer.io',
    fetchImpl,
  });
  stop = started.close;
  return { url: started.url, forwarded };
}

describe('relay', () => {
  it('forwards an allowed origin with Basic auth added, and passes the answer back', async () => {
    const { url, forwarded } = await relay();
    const response = await fetch(`${url}/api/v2/batch`, {
      method: 'POST',
      headers: { origin: 'https://shop.example', authorization: 'Basic stolen' },
      body: '{"batch":[]}',
    });
    expect(response.status).toBe(207);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0].url).toBe('https://track-eu.customer.io/api/v2/batch');
    expect(forwarded[0].init.headers.authorization).toBe(`Basic ${Buffer.from('S:K').toString('base64')}`);
    expect(forwarded[0].init.body).toBe('{"batch":[]}');
  });

  it('refuses other origins, other paths and other methods without forwarding', async () => {
    const { url, forwarded } = await relay();
    expect((await fetch(`${url}/api/v2/batch`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: '{}' })).status).toBe(
      403,
    );
    expect((await fetch(`${url}/api/v2/batch`, { method: 'POST', body: '{}' })).status).toBe(403);
    expect(
      (await fetch(`${url}/api/v1/customers/x`, { method: 'POST', headers: { origin: 'https://shop.example' }, body: '{}' })).status,
    ).toBe(404);
    expect((await fetch(`${url}/api/v1/events`, { method: 'PUT', headers: { origin: 'https://shop.example' }, body: '{}' })).status).toBe(
      405,
    );
    const preflight = await fetch(`${url}/api/v1/events`, { method: 'OPTIONS', headers: { origin: 'https://shop.example' } });
    expect(preflight.status).toBe(204);
    expect(forwarded).toEqual([]);
  });
});
