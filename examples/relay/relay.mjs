// A Customer.io relay (node:http, no framework): holds the Track API key on the server, checks the Origin, forwards.
// Run: CUSTOMERIO_SITE_ID=… CUSTOMERIO_API_KEY=… ALLOWED_ORIGINS=https://shop.example node examples/relay/relay.mjs
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

/** The only paths tally's Track API destination calls; anything else is refused. */
export const RELAYED_PATHS = ['/api/v1/events', '/api/v2/batch'];
/** Customer.io's v2 batch limit; a bigger body is refused before it is read in full. */
export const MAX_BODY_BYTES = 500 * 1024;
export const TRACK_HOSTS = { us: 'https://track.customer.io', eu: 'https://track-eu.customer.io' };

/**
 * Creates the request handler. `allowedOrigins` are the pages' origins (e.g. 'https://shop.example'); `target` is
 * Customer.io's Track API host. The browser sends no key: this server adds `Authorization: Basic base64(siteId:apiKey)`.
 */
export function createRelayHandler({ siteId, apiKey, allowedOrigins, target = TRACK_HOSTS.us, fetchImpl = fetch }) {
  if (!siteId || !apiKey) throw new Error('the relay needs a siteId and an apiKey');
  const authorization = 'Basic ' + Buffer.from(`${siteId}:${apiKey}`).toString('base64');
  const allowed = new Set(allowedOrigins);

  return async function relay(req, res) {
    const origin = req.headers.origin;
    // Browsers send Origin with every POST and preflight; a missing or unknown one is refused.
    if (!origin || !allowed.has(origin)) return answer(res, 403, { error: 'origin not allowed' });
    const cors = { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'Retry-After', vary: 'Origin' };
    const path = new URL(req.url, 'http://relay.invalid').pathname;
    if (!RELAYED_PATHS.includes(path)) return answer(res, 404, { error: 'not relayed' }, cors);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    if (req.method !== 'POST') return answer(res, 405, { error: 'POST only' }, cors);
    const body = await readBody(req);
    if (!body) return answer(res, 413, { error: `body over ${MAX_BODY_BYTES} bytes` }, cors);
    let upstream;
    try {
      upstream = await fetchImpl(target + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
    } catch {
      return answer(res, 502, { error: 'Customer.io unreachable' }, cors);
    }
    const retryAfter = upstream.headers.get('retry-after');
    res.writeHead(upstream.status, { ...cors, 'content-type': 'application/json', ...(retryAfter ? { 'retry-after': retryAfter } : {}) });
    res.end(await upstream.text());
  };
}

function answer(res, status, value, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

/** The request body as a string, or null past MAX_BODY_BYTES. */
function readBody(req) {
  return new Promise((done, fail) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        return done(null);
      }
      chunks.push(chunk);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

/** Starts a relay on `port` (0 picks one); resolves to { url, close }. */
export async function startRelay({ port = 0, host = '127.0.0.1', ...options }) {
  const handler = createRelayHandler(options);
  const server = createServer((req, res) => handler(req, res).catch(() => answer(res, 500, { error: 'relay error' })));
  await new Promise((done) => server.listen(port, host, done));
  return {
    url: `http://${host}:${server.address().port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const env = process.env;
  const relay = await startRelay({
    port: Number(env.PORT ?? 8790),
    host: env.HOST ?? '127.0.0.1',
    siteId: env.CUSTOMERIO_SITE_ID,
    apiKey: env.CUSTOMERIO_API_KEY,
    target: env.CUSTOMERIO_TRACK_URL ?? TRACK_HOSTS[env.CUSTOMERIO_REGION === 'eu' ? 'eu' : 'us'],
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').filter(Boolean),
  });
  console.log(`Customer.io relay on ${relay.url}: set customerio: { apiHost: '${relay.url}' } in tally's options`);
}
