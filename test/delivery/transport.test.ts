// The fetch transport: request shape, the 64 KiB keepalive budget, answers read, and never a rejection.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEEPALIVE_BUDGET_BYTES, REQUEST_TIMEOUT_MS, createFetchTransport } from '../../src/delivery/transport';
import type { DestinationRequest } from '../../src/destinations/destination';

afterEach(() => vi.useRealTimers());

const request = (bytes: number, id = 'm'): DestinationRequest => ({
  url: 'https://api.test/v1/batch',
  body: 'x'.repeat(bytes),
  headers: { 'Content-Type': 'text/plain' },
  messageIds: [id],
  bytes,
});

describe('createFetchTransport', () => {
  it("POSTs the body with its headers (fetch's default credentials), and reads status, Retry-After and body", async () => {
    const fetchImpl = vi.fn(async () => new Response('{"ok":true}', { status: 429, headers: { 'Retry-After': '3' } }));
    const transport = createFetchTransport(fetchImpl);
    const { keepalive, response } = transport.send(request(10));
    expect(keepalive).toBe(true);
    expect(await response).toEqual({ status: 429, retryAfter: '3', body: '{"ok":true}' });
    expect(fetchImpl).toHaveBeenCalledWith(
      'https://api.test/v1/batch',
      expect.objectContaining({ method: 'POST', body: 'x'.repeat(10), keepalive: true }),
    );
  });

  it('uses keepalive only while the requests in flight fit the 64 KiB budget, and gives it back when they answer', async () => {
    const answers: Array<(value: Response) => void> = [];
    const fetchImpl = vi.fn(
      () =>
        new Promise<Response>((resolve) => {
          answers.push(resolve);
        }),
    );
    const transport = createFetchTransport(fetchImpl);
    const first = transport.send(request(KEEPALIVE_BUDGET_BYTES - 100));
    expect(first.keepalive).toBe(true);
    expect(transport.keepaliveBudget()).toBe(100);
    expect(transport.send(request(200)).keepalive).toBe(false);
    answers[0](new Response('', { status: 200 }));
    await first.response;
    expect(transport.keepaliveBudget()).toBe(KEEPALIVE_BUDGET_BYTES);
  });

  it('to a same-origin edge: gzip bodies (not at unload, where the request must start at once), the edge headers, cookies', async () => {
    const sent: Array<{ headers: Record<string, string>; credentials?: string; body: BodyInit | null | undefined }> = [];
    const fetchImpl = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      sent.push({ headers: init?.headers as Record<string, string>, credentials: init?.credentials, body: init?.body });
      return new Response('', { status: 200 });
    });
    const transport = createFetchTransport(fetchImpl, {
      edge: (url) => (url.startsWith('/t/') ? { 'X-Tally-Cookie-Domain': 'shop.example' } : undefined),
    });
    const edge = { ...request(10), url: '/t/s/batch', body: JSON.stringify({ batch: ['x'.repeat(500)] }) };
    await transport.send(edge).response;
    await transport.send(edge, true).response;
    await transport.send(request(10)).response;
    expect(sent.map(({ headers }) => headers['Content-Encoding'])).toEqual(['gzip', undefined, undefined]);
    expect(sent.map(({ headers }) => headers['X-Tally-Cookie-Domain'])).toEqual(['shop.example', 'shop.example', undefined]);
    // fetch's default, same-origin: with `omit` the browser would drop the edge's Set-Cookie; third parties get no cookies.
    expect(sent.map(({ credentials }) => credentials)).toEqual([undefined, undefined, undefined]);
    expect(sent[1].body).toBe(edge.body);
    const unzipped = await new Response(
      new Blob([sent[0].body as ArrayBuffer]).stream().pipeThrough(new DecompressionStream('gzip')),
    ).text();
    expect(unzipped).toBe(edge.body);
    expect((sent[0].body as ArrayBuffer).byteLength).toBeLessThan(edge.body.length);
  });

  it('answers status 0 for a network error, never rejecting', async () => {
    const transport = createFetchTransport(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await transport.send(request(1)).response).toEqual({ status: 0, retryAfter: null, body: '' });
  });

  it('aborts a request that does not answer within the timeout: status 0', async () => {
    vi.useFakeTimers();
    const transport = createFetchTransport(
      (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const { response } = transport.send(request(1));
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS);
    expect(await response).toEqual({ status: 0, retryAfter: null, body: '' });
  });
});
