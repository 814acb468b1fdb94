// Calls fetch: the one place tally touches the network. Requests that fit the keepalive budget survive the page's unload.
import type { DestinationRequest, TransportResponse } from '../destinations/destination';

/** Browsers cap the bodies of in-flight keepalive requests at 64 KiB per page (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch). */
export const KEEPALIVE_BUDGET_BYTES = 64 * 1024;
/** A request that has not answered after this long counts as a network error and is retried. */
export const REQUEST_TIMEOUT_MS = 15_000;

/** A request the browser sends once the page is gone (fetchLater); `abort()` withdraws it, `activated`: it was sent. */
export interface Deferred {
  abort(): void;
  readonly activated: boolean;
}

/** Chromium's deferred fetch (https://fetch.spec.whatwg.org/#dom-window-fetchlater), where the engine has it. */
type FetchLater = (url: string, init: RequestInit) => { readonly activated: boolean };

/** Sends requests; the seam tests replace. */
export interface Transport {
  /**
   * Hands a request to the browser to send when the page is destroyed (closed, discarded) or enters the back/forward
   * cache, even when the page sees no unload event; undefined where the engine cannot (no fetchLater, over its quota).
   */
  sendLater?(request: DestinationRequest): Deferred | undefined;
  /**
   * Starts a request; `keepalive` says at once whether it will outlive the page (it fit the budget). `unloading`: the page
   * is going away, so the request must start now (no compression first).
   */
  send(request: DestinationRequest, unloading?: boolean): { keepalive: boolean; response: Promise<TransportResponse> };
  /** Bytes of keepalive budget not taken by requests in flight. */
  keepaliveBudget(): number;
}

/** What changes for requests to the site's own edge (tally/edge on this origin). */
export interface TransportOptions {
  /**
   * The headers to add to a request for a same-origin edge; undefined for any other URL. Such a request needs no CORS,
   * so its body is also gzipped.
   */
  edge?: (url: string) => Record<string, string> | undefined;
}

/** The fetch transport. Never rejects: a network error, a timeout or a missing fetch answer status 0. */
export function createFetchTransport(
  fetchImpl: typeof fetch = (...args) => fetch(...args),
  { edge = () => undefined }: TransportOptions = {},
): Transport {
  let keepaliveInFlight = 0;
  const keepaliveBudget = () => KEEPALIVE_BUDGET_BYTES - keepaliveInFlight;
  return {
    keepaliveBudget,
    send(request, unloading = false) {
      const keepalive = request.bytes <= keepaliveBudget();
      if (keepalive) keepaliveInFlight += request.bytes;
      const response = post(request, keepalive, unloading).finally(() => {
        if (keepalive) keepaliveInFlight -= request.bytes;
      });
      return { keepalive, response };
    },
    sendLater(request) {
      const scope = globalThis as { fetchLater?: FetchLater };
      if (typeof scope.fetchLater !== 'function') return undefined;
      try {
        const controller = new AbortController();
        const extra = edge(request.url);
        const headers = extra ? { ...request.headers, ...extra } : request.headers;
        const result = scope.fetchLater(request.url, { method: 'POST', headers, body: request.body, signal: controller.signal });
        return {
          abort: () => controller.abort(),
          get activated() {
            return result.activated;
          },
        };
      } catch {
        // Over the deferred-fetch quota, or a URL that is not potentially trustworthy (plain http to another host).
        return undefined;
      }
    },
  };

  async function post(request: DestinationRequest, keepalive: boolean, unloading: boolean): Promise<TransportResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    // Until fetch answers: a network error.
    let status = 0;
    let retryAfter: string | null = null;
    let body = '';
    try {
      const extra = edge(request.url);
      const plain = extra ? { body: request.body, headers: { ...request.headers, ...extra } } : request;
      // At unload, fetch must start in this task: a page being torn down would not wait for the compression.
      const sent = extra && !unloading ? await compress(plain) : plain;
      const response = await fetchImpl(request.url, {
        method: 'POST',
        headers: sent.headers,
        body: sent.body,
        keepalive,
        // fetch's default credentials (same-origin): a same-origin edge gets the site's cookies and the browser keeps the
        // cookie it sets (`omit` would drop it); a third-party host gets none either way.
        signal: controller.signal,
      });
      status = response.status;
      retryAfter = response.headers.get('Retry-After');
      body = await response.text().catch(() => '');
    } catch {
      // A network error, a timeout or no fetch: status 0.
    } finally {
      clearTimeout(timer);
    }
    return { status, retryAfter, body };
  }
}

/**
 * The request's body gzipped, with `Content-Encoding: gzip`, where the browser has CompressionStream; as it is elsewhere.
 * The keepalive budget keeps counting the uncompressed bytes: never less than what is sent.
 */
async function compress(request: {
  body: string;
  headers: Record<string, string>;
}): Promise<{ body: BodyInit; headers: Record<string, string> }> {
  if (typeof CompressionStream !== 'function') return request;
  try {
    const stream = new Blob([request.body]).stream().pipeThrough(new CompressionStream('gzip'));
    const body = await new Response(stream).arrayBuffer();
    return { body, headers: { ...request.headers, 'Content-Encoding': 'gzip' } };
  } catch {
    return request;
  }
}
