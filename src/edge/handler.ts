// createEdge(): a standard Fetch handler (Request → Response) a site mounts on its own origin. It forwards tally's batches
// to Segment, Customer.io's Track API (adding the key the page never holds) and Pipelines, only for allow-listed write
// keys, within a size limit, with the visitor's IP, and passes status and Retry-After back. Web-standard APIs only.
import { BodyError, readBody } from './body';
import { cookieDomain, readCookies, refreshCookies } from './cookie';
import { clientIp } from './ip';
import { readEdgeOptions, type EdgeConfig, type EdgeOptions } from './options';
import { readOrigin, type RequestOrigin } from './origin';
import { findRoute, type Route } from './routes';

/** What the platform knows of a request that the Request itself does not carry. */
export interface EdgePlatform {
  /** The address that connected (Workers: CF-Connecting-IP, Deno: info.remoteAddr.hostname, Bun: server.requestIP()). */
  clientAddress?: string | null;
}

/** A Fetch API handler, as Workers, Deno, Bun and edge functions take it; `platform` adds the client's address. */
export type EdgeHandler = (request: Request, platform?: EdgePlatform) => Promise<Response>;

/**
 * Creates the edge. Throws an EdgeConfigError naming the field when an option is wrong.
 * @example const edge = createEdge({ segment: { writeKeys: [process.env.SEGMENT_WRITE_KEY] } }); // then: edge(request)
 */
export function createEdge(options: EdgeOptions): EdgeHandler {
  const config = readEdgeOptions(options);
  return async (request, platform) => {
    try {
      const address = platform?.clientAddress;
      return await handle(config, request, typeof address === 'string' ? address : undefined);
    } catch {
      // Never echo what went wrong upstream in detail: it could hold a credential.
      return text(500, 'edge error');
    }
  };
}

async function handle(config: EdgeConfig, request: Request, platformAddress?: string): Promise<Response> {
  const route = findRoute(config.basePath, new URL(request.url).pathname);
  if (!route || !config[route.service]) return text(404, 'not found');
  const origin = readOrigin(request);
  if (origin.cross !== null && !config.allowedOrigins.has(origin.cross)) return text(403, 'origin not allowed');
  const cors: Record<string, string> = origin.cross !== null ? { 'Access-Control-Allow-Origin': origin.cross, Vary: 'Origin' } : {};
  if (request.method === 'OPTIONS' && origin.cross !== null) {
    const allow = {
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding',
      'Access-Control-Max-Age': '86400',
    };
    return new Response(null, { status: 204, headers: { ...cors, ...allow } });
  }
  if (request.method !== 'POST') return text(405, 'method not allowed', { Allow: 'POST' });
  let body: string;
  try {
    body = await readBody(request, config.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyError) return text(error.status, error.message, cors);
    throw error;
  }
  const forwarded =
    route.service === 'customerio'
      ? forwardTrackApi(config, route, body)
      : forwardBatch(config, route, body, clientIp(request, platformAddress));
  // A refusal an allowed cross-origin page can read (without CORS headers it would look like a network error and be retried).
  if (forwarded instanceof Response) {
    for (const [name, value] of Object.entries(cors)) forwarded.headers.set(name, value);
    return forwarded;
  }
  let answer: Response;
  try {
    answer = await config.fetch(forwarded.url, { method: 'POST', headers: forwarded.headers, body: forwarded.body });
  } catch {
    return text(502, 'upstream unreachable', cors);
  }
  return relay(answer, { ...cors, ...identityCookies(config, request, origin) });
}

/** A request to an upstream. */
interface Forward {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Segment or Pipelines: the writeKey must be listed; each event without context.ip gets the visitor's. */
function forwardBatch(config: EdgeConfig, route: Route, body: string, ip: string | undefined): Forward | Response {
  const service = config[route.service as 'segment' | 'pipelines'];
  if (!service) return text(404, 'not found');
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(body);
  } catch {
    return text(400, 'invalid JSON');
  }
  if (!payload || typeof payload !== 'object' || typeof payload.writeKey !== 'string' || !service.writeKeys(payload.writeKey))
    return text(403, 'write key not allowed');
  const events = Array.isArray(payload.batch) ? payload.batch : [payload];
  for (const event of events) {
    if (!event || typeof event !== 'object') continue;
    event.context ??= {};
    if (ip && typeof event.context === 'object' && event.context.ip === undefined) event.context.ip = ip;
  }
  const headers = { 'Content-Type': 'application/json', Authorization: 'Basic ' + btoa(`${payload.writeKey}:`) };
  return { url: service.upstream + route.path, headers, body: JSON.stringify(payload) };
}

/** Customer.io's Track API: the body goes as it is, with the credentials only the edge holds. */
function forwardTrackApi(config: EdgeConfig, route: Route, body: string): Forward | Response {
  const customerio = config.customerio;
  if (!customerio) return text(404, 'not found');
  try {
    JSON.parse(body);
  } catch {
    return text(400, 'invalid JSON');
  }
  const headers = { 'Content-Type': 'application/json', Authorization: customerio.authorization };
  return { url: customerio.upstream + route.path, headers, body };
}

/** The refreshed identity cookie, when the request carries one that was not refreshed today (src/edge/cookie.ts). */
function identityCookies(config: EdgeConfig, request: Request, origin: RequestOrigin): Record<string, string[]> {
  // A cross-origin page's cookies are not the edge's to set (and its browser would not keep them).
  if (origin.cross !== null) return {};
  const domain = cookieDomain(request, origin.host, config.cookieDomain);
  const set = refreshCookies(readCookies(request.headers.get('cookie')), { secure: origin.secure, domain });
  return set.length ? { 'Set-Cookie': set } : {};
}

/** The upstream's answer as tally's retry logic reads it: status, Retry-After and body; never its other headers. */
async function relay(answer: Response, extra: Record<string, string | string[]>): Promise<Response> {
  const headers = new Headers();
  const retryAfter = answer.headers.get('retry-after');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  headers.set('Content-Type', answer.headers.get('content-type') ?? 'application/json');
  for (const [name, value] of Object.entries(extra)) {
    for (const one of [value].flat()) headers.append(name, one);
  }
  return new Response(await answer.text(), { status: answer.status, headers });
}

function text(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain', ...headers } });
}
