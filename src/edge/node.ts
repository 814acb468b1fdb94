// Touches node:http: toNodeListener() runs the edge's Fetch handler inside a Node server (Node 20+ has fetch, Request,
// Response and the web streams built in). The socket's address is handed over as the platform's client address.
// Nothing comes from node:*, not even types: dist/edge.mjs imports nothing Workers or Deno lack, and dist/edge.d.ts
// type-checks in a project without @types/node (a Workers or Deno site).
import type { EdgeHandler } from './handler';

/** The part of node:http's IncomingMessage the listener reads (an IncomingMessage is one). */
export interface NodeRequest extends AsyncIterable<Uint8Array> {
  headers: Record<string, string | string[] | undefined>;
  method?: string;
  url?: string;
  socket: { remoteAddress?: string; encrypted?: boolean };
  destroy(): void;
}

/** The part of node:http's ServerResponse the listener writes (a ServerResponse is one). */
export interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  end(body: Uint8Array): unknown;
}

/**
 * A `(req, res)` listener for node:http that hands each request to `handler`.
 * @example createServer(toNodeListener(createEdge(options))).listen(8080)
 */
export function toNodeListener(handler: EdgeHandler): (req: NodeRequest, res: NodeResponse) => void {
  return (req, res) => {
    void serve(handler, req, res);
  };
}

async function serve(handler: EdgeHandler, req: NodeRequest, res: NodeResponse): Promise<void> {
  const host = req.headers.host ?? 'localhost';
  const secure = req.socket.encrypted === true;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of [value ?? []].flat()) headers.append(name, String(one));
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(`${secure ? 'https' : 'http'}://${host}${req.url ?? '/'}`, {
    method: req.method,
    headers,
    body: hasBody ? toWebStream(req) : undefined,
    duplex: 'half',
  } as RequestInit);
  const response = await handler(request, { clientAddress: req.socket.remoteAddress });
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length) res.setHeader('Set-Cookie', cookies);
  res.end(new Uint8Array(await response.arrayBuffer()));
}

/** The request body as a web stream, pulled chunk by chunk (so the edge's size limit stops reading early). */
function toWebStream(req: NodeRequest): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(new Uint8Array(value));
    },
    cancel() {
      req.destroy();
    },
  });
}
