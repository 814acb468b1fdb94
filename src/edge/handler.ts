// createEdge(): a standard Fetch handler (Request → Response) a site mounts on its own origin. It forwards tally's batches
// to Segment, Customer.io's Track API (adding the key the page never holds) and Pipelines, only for allow-listed write
// keys, within a size limit, with the visitor's IP, and passes status and Retry-After back. Web-standard APIs only.
import { BodyError, readBody } from './body';
import { readCookies, refreshCookies, ANONYMOUS_ID_COOKIE } from './cookie';
import { readEdgeOptions, type EdgeConfig, type EdgeOptions } from './options';

/** A Fetch API handler, as Workers, Deno, Bun and edge functions take it. */
export type EdgeHandler = (request: Request) => Promise<Response>;

/** Where each of the edge's paths goes: neutral sub-paths, since block lists match words like segment, track or event. */
interface Route {
  service: 'segment' | 'customerio' | 'pipelines';
  /** The upstream path after the service's upstream base. */
  path: string;
}
const ROUTES: Record<string, Route> = {
  '/s/batch': { service: 'segment', path: '/batch' },
  '/p/batch': { service: 'pipelines', path: '/batch' },
  '/p/alias': { service: 'pipelines', path: '/alias' },
  '/c/1': { service: 'customerio', path: '/api/v1/events' },
  '/c/2': { service: 'customerio', path: '/api/v2/batch' },
};

/**
 * Creates the edge. Throws an EdgeConfigError naming the field when an option is wrong.
 * @example const edge = createEdge({ segment: { writeKeys: [process.env.SEGMENT_WRITE_KEY] } }); // then: edge(request)
 */
export function createEdge(options: EdgeOptions): EdgeHandler {
  const config = readEdgeOptions(options);
  return async (request) => {
    try {
      return await handle(config, request);
    } catch (error) {
      if (error instanceof BodyError) return text(error.status, error.message);
      // Never echo what went wrong upstream in detail: it could hold a credential.
      return text(500, 'edge error');
    }
  };
}

async function handle(config: EdgeConfig, request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(config.basePath + '/')) return text(404, 'not found');
  const route = ROUTES[url.pathname.slice(config.basePath.length)];
  if (!route || !config[route.service]) return text(404, 'not found');
  const origin = request.headers.get('origin');
  const crossOrigin = origin !== null && origin !== url.origin;
  if (crossOrigin && !config.allowedOrigins.has(origin)) return text(403, 'origin not allowed');
  const cors: Record<string, string> = crossOrigin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
  if (request.method === 'OPTIONS' && crossOrigin) {
    const allow = {
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding',
      'Access-Control-Max-Age': '86400',
    };
    return new Response(null, { status: 204, headers: { ...cors, ...allow } });
  }
  if (request.method !== 'POST') return text(405, 'method not allowed', { Allow: 'POST' });
  const body = await readBody(request, config.maxBodyBytes);
  const forwarded = route.service === 'customerio' ? forwardTrackApi(config, route, body) : forwardBatch(config, route, body, request);
  if (forwarded instanceof Response) return forwarded;
  let answer: Response;
  try {
    answer = await config.fetch(forwarded.url, { method: 'POST', headers: forwarded.headers, body: forwarded.body });
  } catch {
    return text(502, 'upstream unreachable', cors);
  }
  return relay(answer, { ...cors, ...identityCookies(config, request, url, forwarded.anonymousId) });
}

/** A request to an upstream, and the visitor's anonymousId when the body names one. */
interface Forward {
  url: string;
  headers: Record<string, string>;
  body: string;
  anonymousId?: string;
}

/** Segment or Pipelines: the writeKey must be listed; each event without context.ip gets the visitor's. */
function forwardBatch(config: EdgeConfig, route: Route, body: string, request: Request): Forward | Response {
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
  const ip = clientIp(config, request);
  const events = Array.isArray(payload.batch) ? payload.batch : [payload];
  for (const event of events) {
    if (!event || typeof event !== 'object') continue;
    event.context ??= {};
    if (ip && typeof event.context === 'object' && event.context.ip === undefined) event.context.ip = ip;
  }
  const anonymousId = events.find((event) => typeof event?.anonymousId === 'string')?.anonymousId;
  const headers = { 'Content-Type': 'application/json', Authorization: 'Basic ' + btoa(`${payload.writeKey}:`) };
  return { url: service.upstream + route.path, headers, body: JSON.stringify(payload), anonymousId };
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

/** The visitor's address: the platform's, else the first X-Forwarded-For hop. */
function clientIp(config: EdgeConfig, request: Request): string | undefined {
  const fromPlatform = config.clientAddress?.(request);
  if (fromPlatform) return fromPlatform;
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || undefined;
}

/** The refreshed identity cookie, when the visitor has an anonymousId and it was not refreshed today. */
function identityCookies(config: EdgeConfig, request: Request, url: URL, fromBody?: string): Record<string, string[]> {
  const cookies = readCookies(request.headers.get('cookie'));
  const anonymousId = cookies.get(ANONYMOUS_ID_COOKIE) ?? fromBody;
  const set = refreshCookies(cookies, anonymousId, url.protocol === 'https:', config.cookieDomain);
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
