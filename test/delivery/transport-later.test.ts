// The transport's deferred send (fetchLater): the request as fetch would POST it, withdrawn by abort(), `activated` read
// live; undefined where the engine has no fetchLater or refuses the request.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetchTransport } from '../../src/delivery/transport';
import type { DestinationRequest } from '../../src/destinations/destination';

const scope = globalThis as { fetchLater?: unknown };
afterEach(() => delete scope.fetchLater);

const request: DestinationRequest = {
  url: 'https://api.test/v1/batch',
  body: '{"batch":[]}',
  headers: { 'Content-Type': 'text/plain' },
  messageIds: ['m'],
  bytes: 12,
};

describe('transport.sendLater', () => {
  it('hands the request to fetchLater (edge headers added); abort() aborts its signal; activated is read live', () => {
    const result = { activated: false };
    const fetchLater = vi.fn((_url: string, _init: RequestInit) => result);
    scope.fetchLater = fetchLater;
    const transport = createFetchTransport(undefined, { edge: () => ({ 'X-Tally-Cookie-Domain': 'shop.test' }) });
    const deferred = transport.sendLater!(request)!;
    const [url, init] = fetchLater.mock.calls[0];
    expect(url).toBe(request.url);
    expect(init).toMatchObject({
      method: 'POST',
      body: request.body,
      headers: { 'Content-Type': 'text/plain', 'X-Tally-Cookie-Domain': 'shop.test' },
    });
    expect(init.signal!.aborted).toBe(false);
    expect(deferred.activated).toBe(false);
    result.activated = true;
    expect(deferred.activated).toBe(true);
    deferred.abort();
    expect(init.signal!.aborted).toBe(true);
  });

  it('undefined without fetchLater, or when it throws (quota, an untrustworthy URL)', () => {
    const transport = createFetchTransport();
    expect(transport.sendLater!(request)).toBeUndefined();
    scope.fetchLater = () => {
      throw new DOMException('over quota', 'QuotaExceededError');
    };
    expect(transport.sendLater!(request)).toBeUndefined();
  });
});
