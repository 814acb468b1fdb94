// createEdge(): a standard Fetch handler (Request → Response) a site mounts on its own origin. It forwards tally's batches
// to Segment, Customer.io's Track API (adding the key the page never holds) and Pipelines, only what the SDK itself
// sends (allow-listed write keys, the Track API items tally's mapper writes), within a size limit, with the visitor's IP,
// and answers with the upstream's status and Retry-After in a small JSON body of its own. Web-standard APIs only.
import { BodyError, readBody } from './body';
import { cookieDomain, readCookies, refreshCookies } from './cookie';
import { clientIp } from './ip';
import { isObject, MAX_JSON_DEPTH, parseJson, refuse } from './json';
import { readEdgeOptions, type EdgeConfig, type EdgeOptions } from './options';
import { readOrigin, type RequestOrigin } from './origin';
import { findRoute, type Route } from './routes';
import { refuseAnonymousEvent, refuseTrackBatch } from './track-api';
import { createRulesEndpoints } from './rules/endpoints';
import { answerFor, BUSY_RETRY_AFTER_SECONDS, createSlots, createUpstream, type CallUpstream, type Forward } from './upstream';

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
  const upstream = createUpstream({ fetch: config.fetch, timeoutMs: config.upstreamTimeoutMs });
  const slots = createSlots(config.maxConcurrentUpstream);
  const rules = config.rules && createRulesEndpoints(config.rules, config.basePath);
  return async (request, platform) => {
    try {
      const address = platform?.clientAddress;
      if (rules?.matches(new URL(request.url).pathname)) {
        const ip = clientIp(request, typeof address === 'string' ? address : undefined, config.trustProxy) ?? 'unknown';
        return await rules.handle(request, readOrigin(request), ip);
      }
      return await handle(config, { upstream, slots }, request, typeof address === 'string' ? address : undefined);
    } catch {
      // Never echo what went wrong in detail: it could hold a credential.
      return refuse(500, 'edge error');
    }
  };
}

/** What the edge's requests share: the upstream caller and the bound on requests going upstream. */
interface Shared {
  upstream: CallUpstream;
  slots: ReturnType<typeof createSlots>;
}

async function handle(config: EdgeConfig, shared: Shared, request: Request, platformAddress?: string): Promise<Response> {
  const route = findRoute(config.basePath, new URL(request.url).pathname);
  if (!route || !config[route.service]) return refuse(404, 'not found');
  const origin = readOrigin(request);
  if (origin.cross !== null && !config.allowedOrigins.has(origin.cross)) return refuse(403, 'origin not allowed');
  const cors: Record<string, string> = origin.cross !== null ? { 'Access-Control-Allow-Origin': origin.cross, Vary: 'Origin' } : {};
  if (request.method === 'OPTIONS' && origin.cross !== null) {
    const allow = {
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding',
      'Access-Control-Max-Age': '86400',
    };
    return new Response(null, { status: 204, headers: { ...cors, ...allow } });
  }
  if (request.method !== 'POST') return refuse(405, 'method not allowed', { Allow: 'POST', ...cors });
  // Busy: refused before its body is read, so a flood of batches against a slow upstream holds bounded memory.
  if (!shared.slots.take()) return refuse(503, 'busy', { 'Retry-After': BUSY_RETRY_AFTER_SECONDS, ...cors });
  try {
    return await forward(config, shared.upstream, request, { route, cors, origin, platformAddress });
  } finally {
    shared.slots.give();
  }
}

/** What handle() learnt of a request before its body. */
interface Checked {
  route: Route;
  cors: Record<string, string>;
  origin: RequestOrigin;
  platformAddress?: string;
}

/** Reads, checks and forwards one POST; answers with the upstream's status, or the refusal. */
async function forward(config: EdgeConfig, upstream: CallUpstream, request: Request, checked: Checked): Promise<Response> {
  const { route, cors, origin, platformAddress } = checked;
  let body: string;
  try {
    body = await readBody(request, config.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyError) return refuse(error.status, error.message, cors);
    throw error;
  }
  const payload = parseJson(body);
  if (payload === undefined) return refuse(400, `invalid JSON (or nested deeper than ${MAX_JSON_DEPTH} levels)`, cors);
  const forwarded =
    route.service === 'customerio'
      ? forwardTrackApi(config, route, payload)
      : forwardBatch(config, route, payload, clientIp(request, platformAddress, config.trustProxy));
  // A refusal an allowed cross-origin page can read (without CORS headers it would look like a network error and be retried).
  if (forwarded instanceof Response) {
    for (const [name, value] of Object.entries(cors)) forwarded.headers.set(name, value);
    return forwarded;
  }
  // A crawler's batch, checked like any other: answered 200 so that it does not retry, and not forwarded.
  if (config.bots?.(request.headers.get('user-agent')))
    return new Response('{}', { headers: { 'Content-Type': 'application/json', ...cors } });
  const answer = await upstream(forwarded, request.signal);
  const headers = new Headers(cors);
  for (const cookie of identityCookies(config, request, origin)) headers.append('Set-Cookie', cookie);
  return answerFor(answer, headers, config.customerio?.secrets);
}

/**
 * Segment or Pipelines: the writeKey must be listed, and no event may carry another one (Segment would file it under
 * that key's workspace: the allow-list would allow any key). Each event without context.ip gets the visitor's.
 */
function forwardBatch(config: EdgeConfig, route: Route, payload: unknown, ip: string | undefined): Forward | Response {
  const service = config[route.service as 'segment' | 'pipelines'];
  if (!service) return refuse(404, 'not found');
  if (!isObject(payload) || typeof payload.writeKey !== 'string' || !service.writeKeys(payload.writeKey))
    return refuse(403, 'write key not allowed');
  const events = Array.isArray(payload.batch) ? payload.batch : [payload];
  for (const [index, event] of events.entries()) {
    if (!isObject(event)) continue;
    if (event.writeKey !== undefined && event.writeKey !== payload.writeKey)
      return refuse(403, `event ${index} carries another writeKey than the batch's (the edge forwards listed keys only)`);
    event.context ??= {};
    if (ip && isObject(event.context) && event.context.ip === undefined) event.context.ip = ip;
  }
  const headers = { 'Content-Type': 'application/json', Authorization: 'Basic ' + btoa(`${payload.writeKey}:`) };
  return { url: service.upstream + route.path, headers, body: JSON.stringify(payload) };
}

/** Customer.io's Track API, with the credentials only the edge holds: only the items tally sends (./track-api.ts). */
function forwardTrackApi(config: EdgeConfig, route: Route, payload: unknown): Forward | Response {
  const customerio = config.customerio;
  if (!customerio) return refuse(404, 'not found');
  const why = route.path === '/api/v2/batch' ? refuseTrackBatch(payload) : refuseAnonymousEvent(payload);
  if (why) return refuse(403, `not forwarded with the Track API key: ${why}`);
  const headers = { 'Content-Type': 'application/json', Authorization: customerio.authorization };
  return { url: customerio.upstream + route.path, headers, body: JSON.stringify(payload) };
}

/** The refreshed identity cookie, when the request carries one that was not refreshed today (src/edge/cookie.ts). */
function identityCookies(config: EdgeConfig, request: Request, origin: RequestOrigin): string[] {
  // A cross-origin page's cookies are not the edge's to set (and its browser would not keep them).
  if (origin.cross !== null) return [];
  const domain = cookieDomain(request, origin.host, config.cookieDomain);
  return refreshCookies(readCookies(request.headers.get('cookie')), { secure: origin.secure, domain });
}
