// Touches node:http: toNodeListener() runs the edge's Fetch handler inside a Node server (Node 20+ has fetch, Request,
// Response and the web streams built in). The socket's address is handed over as the platform's client address.
// Nothing comes from node:*, not even types: dist/edge.mjs imports nothing Workers or Deno lack, and dist/edge.d.ts
// type-checks in a project without @types/node (a Workers or Deno site).
import type { EdgeHandler } from './handler';

/** The part of node:http's IncomingMessage the listener reads (an IncomingMessage is one). */
export interface NodeRequest {
  headers: Record<string, string | string[] | undefined>;
  method?: string;
  url?: string;
  socket: { remoteAddress?: string; encrypted?: boolean };
  /** Whether the whole body arrived. */
  complete: boolean;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(event: 'data'): unknown;
  pause(): unknown;
  resume(): unknown;
  destroy(): void;
}

/** The part of node:http's ServerResponse the listener writes (a ServerResponse is one). */
export interface NodeResponse {
  statusCode: number;
  headersSent: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  end(body?: Uint8Array): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/** How long a refused upload may go on being sent (and discarded) after its answer, so the client reads the answer. */
export const LINGER_MS = 5000;
/** Methods the Fetch API cannot represent (`new Request` throws for them): answered 405 before any Request is made. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * A `(req, res)` listener for node:http that hands each request to `handler`. It answers every request, whatever its
 * method, Host or target (400, 405, or 500 when the handler itself failed): no input ends the process.
 * @example createServer(toNodeListener(createEdge(options))).listen(8080)
 */
export function toNodeListener(handler: EdgeHandler): (req: NodeRequest, res: NodeResponse) => void {
  return (req, res) => {
    serve(handler, req, res).catch(() => {
      // Past the headers nothing better can be said than closing the connection.
      if (res.headersSent) req.destroy();
      else answer(req, res, new Response('{"error":"edge error"}', { status: 500 }));
    });
  };
}

async function serve(handler: EdgeHandler, req: NodeRequest, res: NodeResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (FORBIDDEN_METHODS.has(method)) return answer(req, res, plain(405, 'method not allowed', { Allow: 'POST, OPTIONS' }));
  const url = requestUrl(req);
  if (!url) return answer(req, res, plain(400, 'bad request target or Host'));
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of [value ?? []].flat()) headers.append(name, String(one));
  }
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const aborted = new AbortController();
  // The client went away before its answer: whatever the edge still does for it (the upstream call) is dropped.
  res.on('close', () => aborted.abort());
  const request = new Request(url, {
    method,
    headers,
    body: hasBody ? toWebStream(req) : undefined,
    duplex: 'half',
    signal: aborted.signal,
  } as RequestInit);
  answer(req, res, await handler(request, { clientAddress: req.socket.remoteAddress }));
}

/**
 * The request's URL, or undefined when its target is not origin-form (`/path`) or its Host is not a valid authority
 * (`a b`, `x:99999`, `[::1`): `new Request()` would throw on those.
 */
export function requestUrl(req: Pick<NodeRequest, 'url' | 'headers' | 'socket'>): string | undefined {
  const target = req.url ?? '/';
  const host = req.headers.host ?? 'localhost';
  if (!target.startsWith('/') || typeof host !== 'string') return undefined;
  try {
    const url = new URL(`${req.socket.encrypted === true ? 'https' : 'http'}://${host}${target}`);
    // A Host that swallowed part of the target (`x/y`, `x?`, `u@x`) is no authority.
    return url.host === host.toLowerCase() || url.host + ':' + defaultPort(url) === host.toLowerCase() ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const defaultPort = (url: URL) => (url.protocol === 'https:' ? '443' : '80');

/** Writes `response` out; when the request's body was not read to its end (a refused upload), discards the rest first. */
function answer(req: NodeRequest, res: NodeResponse, response: Response): void {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length) res.setHeader('Set-Cookie', cookies);
  void response.arrayBuffer().then(
    (body) => {
      if (!req.complete) linger(req);
      res.end(new Uint8Array(body));
    },
    () => req.destroy(),
  );
}

/**
 * Reads and discards what the client still sends, for at most LINGER_MS, then closes the connection. Closing at once
 * would reset it with the client's data unread, and a reset makes the client lose the answer (a 413 it must not retry).
 */
function linger(req: NodeRequest): void {
  const timer = setTimeout(() => req.destroy(), LINGER_MS);
  req.on('end', () => clearTimeout(timer));
  req.on('close', () => clearTimeout(timer));
  // Without a data listener (the body stream's, whose reader is gone) a flowing request drops what arrives.
  req.removeAllListeners('data');
  req.resume();
}

/** A small answer of the listener's own. */
function plain(status: number, error: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error }), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/**
 * The request body as a web stream, pulled chunk by chunk (so the edge's size limit stops reading early). Cancelling it
 * (a body past the limit) stops the stream, not the socket: the answer must still be written.
 */
function toWebStream(req: NodeRequest): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream(
    {
      start(controller) {
        req.pause();
        req.on('data', (chunk) => {
          if (!open) return;
          controller.enqueue(new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        // The first of end, error or a close before the end settles the stream.
        const settle = (error?: unknown) => {
          if (!open) return;
          open = false;
          if (error === undefined) controller.close();
          else controller.error(error);
        };
        req.on('end', () => settle());
        req.on('error', (error) => settle(error ?? new Error('request error')));
        req.on('close', () => !req.complete && settle(new Error('client went away')));
      },
      pull() {
        req.resume();
      },
      cancel() {
        open = false;
      },
    },
    { highWaterMark: 1 },
  );
}
