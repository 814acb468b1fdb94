// Bench-only server (node:http, loopback): a site origin (pages, SDK files, Segment CDN settings) and a peers' API origin
// that plays PostHog (/flags, /e/, /batch/, /i/v0/e/) and RudderStack (/sourceConfig, /v1/<type>, /v1/batch),
// recording every request with its key, wire bytes and parsed events. tally and analytics-next talk to the collector.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';

/** Bytes a request puts on the wire: request line, header lines (HTTP/1.1 text) and body (as sent, compressed or not). */
export function wireBytes(method, path, headers, bodyBytes) {
  let bytes = `${method} ${path} HTTP/1.1\r\n`.length + 2;
  for (const [name, value] of Object.entries(headers)) bytes += name.length + String(value).length + 4;
  return bytes + bodyBytes;
}

/** Decodes a PostHog capture body (gzip, gzip-js, base64 form or plain JSON) into a list of events. */
export function parsePosthogEvents(raw, search) {
  let buffer = raw;
  if (buffer[0] === 0x1f && buffer[1] === 0x8b) buffer = gunzipSync(buffer);
  let text = buffer.toString('utf8');
  if (search.get('compression') === 'base64' || text.startsWith('data=')) {
    const data = new URLSearchParams(text).get('data') ?? text;
    text = Buffer.from(data, 'base64').toString('utf8');
  }
  const body = JSON.parse(text);
  let list = [body];
  if (Array.isArray(body)) list = body;
  else if (Array.isArray(body.batch)) list = body.batch;
  return list.map((e) => ({ name: e.event, id: e.uuid, key: e.properties?.token ?? e.api_key ?? body.api_key }));
}

/** Decodes a RudderStack body (one event, or `{ batch: [...] }`) into a list of events. */
export function parseRudderEvents(raw) {
  const body = JSON.parse(raw.toString('utf8'));
  const list = Array.isArray(body.batch) ? body.batch : [body];
  return list.map((e) => ({ name: e.event ?? e.type, id: e.messageId }));
}

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const cors = (req) =>
  req.headers.origin
    ? {
        'access-control-allow-origin': req.headers.origin,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] || 'content-type',
        'access-control-max-age': '600',
        vary: 'Origin',
      }
    : {};

/** RudderStack's Basic auth user is the write key. */
const basicUser = (header) => {
  const match = /^Basic\s+(\S+)$/i.exec(header || '');
  return match ? Buffer.from(match[1], 'base64').toString('utf8').split(':')[0] : undefined;
};

/** A PostHog project's answer to /flags with the defaults of a new project (no flags, no recording, no surveys). */
const POSTHOG_FLAGS = {
  featureFlags: {},
  featureFlagPayloads: {},
  errorsWhileComputingFlags: false,
  supportedCompression: ['gzip', 'gzip-js'],
  sessionRecording: false,
  autocapture_opt_out: false,
  capturePerformance: false,
  heatmaps: false,
  surveys: false,
  siteApps: [],
};

/** Starts both origins on loopback. `files`: { site(path), api(path) → a JS file or null, segmentSettings(key) → JSON }. */
export async function startBenchServer({ files, host = '127.0.0.1' }) {
  const records = [];
  const pages = new Map();
  const cache = new Map();
  const origins = { site: '', api: '' };

  async function sendScript(req, res, file) {
    if (!cache.has(file)) cache.set(file, await readFile(file));
    // no-store: every fresh context downloads the SDK again, as a first visit does.
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store', ...cors(req) });
    res.end(cache.get(file));
  }

  async function handleSite(req, res) {
    const { pathname } = new URL(req.url, 'http://x');
    if (pages.has(pathname)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(pages.get(pathname));
    }
    const settings = /^\/v1\/projects\/([^/]+)\/settings$/.exec(pathname);
    if (settings) return json(req, res, 200, files.segmentSettings(decodeURIComponent(settings[1])));
    const file = files.site(pathname);
    return file ? sendScript(req, res, file) : json(req, res, 404, { error: 'not found' });
  }

  function json(req, res, status, value, extra = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...cors(req), ...extra });
    res.end(JSON.stringify(value));
  }

  async function handleApi(req, res) {
    const url = new URL(req.url, 'http://x');
    // PostHog's assets host is its api_host: array.js and its lazy extensions.
    const asset = req.method === 'GET' && files.api(url.pathname);
    if (asset) return sendScript(req, res, asset);
    const raw = await readBody(req);
    const record = {
      at: Date.now(),
      method: req.method,
      path: url.pathname,
      key: undefined,
      events: [],
      bytes: wireBytes(req.method, req.url, req.headers, raw.length),
    };
    records.push(record);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors(req));
      return res.end();
    }
    const p = url.pathname;
    try {
      if (p.startsWith('/sourceConfig')) {
        record.key = url.searchParams.get('writeKey');
        return json(req, res, 200, {
          source: {
            id: 'bench-source',
            name: 'bench',
            writeKey: record.key,
            enabled: true,
            workspaceId: 'bench',
            config: {},
            destinations: [],
          },
        });
      }
      if (/^\/(flags|decide)\/?$/.test(p)) return json(req, res, 200, POSTHOG_FLAGS);
      const remote = /^\/array\/([^/]+)\/config(\.js)?$/.exec(p);
      if (remote) {
        const config = { token: remote[1], ...POSTHOG_FLAGS };
        if (!remote[2]) return json(req, res, 200, config);
        res.writeHead(200, { 'content-type': 'text/javascript', ...cors(req) });
        return res.end(
          `(window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{})[${JSON.stringify(remote[1])}]={config:${JSON.stringify(config)},siteApps:[]};`,
        );
      }
      if (/^\/(e|batch|i\/v0\/e|capture|track)\/?$/.test(p)) {
        record.sdk = 'posthog';
        record.events = parsePosthogEvents(raw, url.searchParams);
        record.key = record.events[0]?.key;
        return json(req, res, 200, { status: 1 });
      }
      if (/^\/v1\/[a-z]+\/?$/.test(p)) {
        record.sdk = 'rudderstack';
        record.key = basicUser(req.headers.authorization);
        record.events = parseRudderEvents(raw);
        return json(req, res, 200, 'OK');
      }
      if (p.startsWith('/rsaMetrics')) return json(req, res, 200, 'OK');
      return json(req, res, 404, { error: 'not found' });
    } catch (error) {
      record.error = error.message;
      return json(req, res, 400, { error: error.message });
    }
  }

  const serve = (handler) =>
    createServer((req, res) =>
      handler(req, res).catch((error) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error.message));
      }),
    );
  const site = serve(handleSite);
  const api = serve(handleApi);
  const listen = (server) => new Promise((done) => server.listen(0, host, () => done(`http://${host}:${server.address().port}`)));
  origins.site = await listen(site);
  origins.api = await listen(api);

  return {
    siteUrl: origins.site,
    apiUrl: origins.api,
    /** Registers a page; returns its absolute URL. */
    addPage(html, path = `/pages/${randomUUID()}.html`) {
      pages.set(path, html);
      return origins.site + path;
    },
    /** API requests recorded since `since` (ms epoch). */
    requests: (since = 0) => records.filter((r) => r.at >= since),
    close() {
      for (const server of [site, api]) server.closeAllConnections();
      return Promise.all([site, api].map((server) => new Promise((done) => server.close(() => done()))));
    },
  };
}
