// The local collector: a site origin (examples, /dist, viewer, test pages) and an API origin (tracking services + control API).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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

/** Where e2e tests get an edge of their own (a rules workspace each): /edges/<writeKey>/rules. */
export const TEST_EDGES_PATH = '/edges/';
/** The rules workspace `npm start` keeps (a file store); the demo's first published version is examples/rules/nocode.json. */
const WORKSPACE = 'examples/rules/workspace';
const SEED = 'examples/rules/nocode.json';

/**
 * The edge's node:http listener with this collector as every upstream and the rules host on (a file store under
 * examples/ when `persistRules`, else memory), or null before the build made dist/edge.mjs. It forwards any write key:
 * the upstream is this local collector, never a real service (a real edge lists its keys). Also returns `edgeFor(key)`,
 * a rules-only edge per e2e test (its own workspace, so tests in parallel never see each other's rules).
 */
async function startEdge(root, apiUrl, { persistRules, editorToken }) {
  const file = resolve(root, 'dist/edge.mjs');
  if (!existsSync(file)) return null;
  const { createEdge, toNodeListener, fileStore, memoryStore } = await import(pathToFileURL(file).href);
  const anyKey = () => true;
  const editors = [{ name: 'developer', token: editorToken }];
  const edge = createEdge({
    basePath: EDGE_BASE_PATH,
    segment: { writeKeys: anyKey, upstream: `${apiUrl}/v1` },
    pipelines: { writeKeys: anyKey, upstream: `${apiUrl}/cdp/v1` },
    customerio: { siteId: EDGE_SITE_ID, apiKey: EDGE_API_KEY, upstream: apiUrl },
    rules: { store: persistRules ? fileStore(resolve(root, WORKSPACE)) : memoryStore(), editors },
  });
  await seedRules(edge, root, editorToken);
  const testEdges = new Map();
  const edgeFor = (key) => {
    if (!testEdges.has(key))
      testEdges.set(key, toNodeListener(createEdge({ basePath: `${TEST_EDGES_PATH}${key}`, rules: { store: memoryStore(), editors } })));
    return testEdges.get(key);
  };
  return { listener: toNodeListener(edge), edgeFor };
}

/** Publishes the demo's rules (examples/rules/nocode.json) as version 1 when nothing is published yet. */
async function seedRules(edge, root, editorToken) {
  const url = `http://127.0.0.1${EDGE_BASE_PATH}/rules`;
  if ((await (await edge(new Request(url))).json()).version !== '0') return;
  const { version: _version, ...document } = JSON.parse(readFileSync(resolve(root, SEED), 'utf8'));
  const headers = { authorization: `Bearer ${editorToken}`, 'if-match': '"0"', 'content-type': 'application/json' };
  await edge(new Request(url, { method: 'PUT', headers, body: JSON.stringify(document) }));
}

const urlFor = (host, port) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

/**
 * Starts both origins. Ports 0 pick free ports. `persistRules` keeps the edge's rules workspace in examples/rules/workspace
 * (npm start); without it, in memory. The editor token is TALLY_EDITOR_TOKEN, else a random one (returned as editorToken).
 * @example const { siteUrl, apiUrl, close } = await startCollector({ sitePort: 0, apiPort: 0 });
 */
export async function startCollector({ host = '127.0.0.1', sitePort = 0, apiPort = 0, root = REPO_ROOT, persistRules = false } = {}) {
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
  const handleRules = createRulesHandler({ root });
  const editorToken = process.env.TALLY_EDITOR_TOKEN || randomBytes(18).toString('base64url');
  // The edge (dist/edge.mjs, once built) on the site origin under /t, forwarding to this collector's API origin.
  let edge = null;
  const site = createServer((req, res) => {
    if (edge && req.url?.startsWith(`${EDGE_BASE_PATH}/`)) return edge.listener(req, res);
    const testEdge = edge && req.url?.startsWith(TEST_EDGES_PATH) && /^\/edges\/([\w-]{1,64})\//.exec(req.url);
    if (testEdge) return edge.edgeFor(testEdge[1])(req, res);
    const { pathname } = new URL(req.url ?? '/', 'http://site.invalid');
    return handleRules(req, res, pathname)
      .then((handled) => handled || handleSite(req, res))
      .catch((error) => crash(res, error));
  });
  const api = createServer((req, res) => handleApi(req, res).catch((error) => crash(res, error)));
  // Keep-alive sockets would hold close() open; SSE streams too.
  site.keepAliveTimeout = 5000;
  api.keepAliveTimeout = 5000;

  origins.siteUrl = urlFor(host, await listen(site, sitePort, host));
  origins.apiUrl = urlFor(host, await listen(api, apiPort, host));
  edge = await startEdge(root, origins.apiUrl, { persistRules, editorToken });

  return {
    siteUrl: origins.siteUrl,
    apiUrl: origins.apiUrl,
    viewerUrl: `${origins.siteUrl}/viewer/`,
    editorToken,
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
