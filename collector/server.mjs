// The local collector: a site origin (examples, /dist, viewer, test pages) and an API origin (tracking services + control API).
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApiHandler } from './api.mjs';
import { createControlHandler } from './control.mjs';
import { createFaults } from './faults.mjs';
import { createPages } from './pages.mjs';
import { createRulesHandler } from './rules.mjs';
import { createSessions } from './sessions.mjs';
import { createSiteHandler } from './static.mjs';
import { createStore } from './store.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function listen(server, port, host) {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePort(server.address().port));
  });
}

/** Where the collector mounts the edge on its site origin, and the Track API credentials it holds there. */
export const EDGE_BASE_PATH = '/t';
export const EDGE_SITE_ID = 'edge-site';
const EDGE_API_KEY = 'edge-key';

/**
 * The edge's node:http listener with this collector as every upstream, or null before the build made dist/edge.mjs.
 * It forwards any write key: the upstream is this local collector, never a real service (a real edge lists its keys).
 */
async function startEdge(root, apiUrl) {
  const file = resolve(root, 'dist/edge.mjs');
  if (!existsSync(file)) return null;
  const { createEdge, toNodeListener } = await import(pathToFileURL(file).href);
  const anyKey = () => true;
  return toNodeListener(
    createEdge({
      basePath: EDGE_BASE_PATH,
      segment: { writeKeys: anyKey, upstream: `${apiUrl}/v1` },
      pipelines: { writeKeys: anyKey, upstream: `${apiUrl}/cdp/v1` },
      customerio: { siteId: EDGE_SITE_ID, apiKey: EDGE_API_KEY, upstream: apiUrl },
    }),
  );
}

const urlFor = (host, port) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

/**
 * Starts both origins. Ports 0 pick free ports. `saveRules` lets the picker write examples/rules/*.json (npm start);
 * without it, saved rules stay in this collector's memory.
 * @example const { siteUrl, apiUrl, close } = await startCollector({ sitePort: 0, apiPort: 0 });
 */
export async function startCollector({ host = '127.0.0.1', sitePort = 0, apiPort = 0, root = REPO_ROOT, saveRules = false } = {}) {
  const store = createStore();
  const faults = createFaults();
  const pages = createPages();
  const sessions = createSessions();
  const hung = new Set();
  const origins = { siteUrl: '', apiUrl: '' };

  const crash = (res, error) => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`collector error: ${error.message}`);
  };
  const handleControl = createControlHandler({ store, faults, pages, sessions, siteUrl: () => origins.siteUrl });
  const handleApi = createApiHandler({ store, faults, handleControl, hung });
  const handleSite = createSiteHandler({ root, pages, sessions, apiUrl: () => origins.apiUrl });
  const handleRules = createRulesHandler({ root, persist: saveRules, siteUrl: () => origins.siteUrl });
  // The edge (dist/edge.mjs, once built) on the site origin under /t, forwarding to this collector's API origin.
  let edge = null;
  const site = createServer((req, res) => {
    if (edge && req.url?.startsWith(`${EDGE_BASE_PATH}/`)) return edge(req, res);
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://site.invalid');
    return handleRules(req, res, pathname, searchParams)
      .then((handled) => handled || handleSite(req, res))
      .catch((error) => crash(res, error));
  });
  const api = createServer((req, res) => handleApi(req, res).catch((error) => crash(res, error)));
  // Keep-alive sockets would hold close() open; SSE streams too.
  site.keepAliveTimeout = 5000;
  api.keepAliveTimeout = 5000;

  origins.siteUrl = urlFor(host, await listen(site, sitePort, host));
  origins.apiUrl = urlFor(host, await listen(api, apiPort, host));
  edge = await startEdge(root, origins.apiUrl);

  return {
    siteUrl: origins.siteUrl,
    apiUrl: origins.apiUrl,
    viewerUrl: `${origins.siteUrl}/viewer/`,
    store,
    faults,
    pages,
    close() {
      for (const res of hung) res.destroy();
      const stop = (server) =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      return Promise.all([stop(site), stop(api)]).then(() => undefined);
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const collector = await startCollector({
    host: process.env.HOST || '127.0.0.1',
    sitePort: Number(process.env.SITE_PORT ?? 8080),
    apiPort: Number(process.env.API_PORT ?? 8787),
  });
  console.log(`tally collector
  site:   ${collector.siteUrl}/
  api:    ${collector.apiUrl}/v1/batch
  viewer: ${collector.viewerUrl}`);
  const shutdown = () => collector.close().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
