// The deployment examples, each started in its runtime (Node, Deno and Bun from npm, Workers in workerd through
// miniflare), run one scenario against the local collector: a gzip Segment batch (the visitor's IP filled in, the
// identity cookie extended), a Pipelines batch, a Track API batch (the runtime adds the key), and a foreign write key
// refused. Needs the build (dist/edge.mjs; npm test builds first).
import { gzipSync } from 'node:zlib';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Miniflare } from 'miniflare';
import { startCollector } from '../../collector/server.mjs';

const root = resolve(__dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
let collector: Awaited<ReturnType<typeof startCollector>>;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/edge.mjs'))) throw new Error('dist/edge.mjs is missing: run `npx rollup -c` (npm test builds first)');
  collector = await startCollector({ sitePort: 0, apiPort: 0 });
});
afterAll(() => collector?.close());

/** The environment every example reads (examples/edge/options-from-env.mjs), with the collector as each upstream. */
const env = (siteId: string) => ({
  SEGMENT_WRITE_KEYS: `seg-${siteId}`,
  PIPELINES_WRITE_KEYS: `cdp-${siteId}`,
  PIPELINES_UPSTREAM: `${collector.apiUrl}/cdp/v1`,
  CUSTOMERIO_SITE_ID: siteId,
  CUSTOMERIO_API_KEY: 'runtime-key',
  SEGMENT_UPSTREAM: `${collector.apiUrl}/v1`,
  CUSTOMERIO_UPSTREAM: collector.apiUrl,
  // The scenario's visitor comes through a proxy (X-Forwarded-For).
  EDGE_TRUST_PROXY: 'true',
  // The rules host, on each runtime's own store (Node, Bun: files in RULES_DIR; Deno: Deno KV; Workers: KV).
  TALLY_EDITOR_TOKEN: RULES_TOKEN,
  RULES_DIR: join(tmpdir(), `tally-rules-${siteId}-${process.pid}`),
  DENO_KV_PATH: ':memory:',
});

const RULES_TOKEN = 'runtime-editor-token-0123456789';

/** Publishes one rule on an edge's rules host and reads it back: [PUT status, GET version, stale PUT status]. */
async function rulesScenario(fetchImpl: (url: string, init?: RequestInit) => Promise<Response>, base: string) {
  const put = (ifMatch: string) =>
    fetchImpl(`${base}/t/rules`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${RULES_TOKEN}`, 'if-match': ifMatch, 'content-type': 'application/json' },
      body: JSON.stringify({ events: { 'Runtime Clicked': { on: 'click', selector: '.runtime' } } }),
    });
  const published = await put('"0"');
  await published.arrayBuffer();
  const read = await (await fetchImpl(`${base}/t/rules`)).json();
  const stale = await put('"0"');
  await stale.arrayBuffer();
  return [published.status, read.version, stale.status];
}

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/** What one request of the scenario got back. */
interface Answer {
  status: number;
  cookies: string[];
}
type Send = (path: string, body: BodyInit, headers?: Record<string, string>) => Promise<Answer>;

/** The visitor as the scenario presents it: behind a proxy (the edge sees a loopback address) with this public IP. */
const VISITOR_IP = '203.0.113.50';
/** The visitor's anonymousId cookie, a UUID as the SDK writes it (the edge refreshes no other value). */
const VISITOR_ID = '5b3c1e9a-7d2f-4e8b-a6c4-1f0e9d8c7b6a';

/** Posts the scenario to an edge; returns the statuses, and the cookies the gzip Segment batch got back. */
async function scenario(send: Send, siteId: string) {
  const track = (writeKey: string) => ({
    type: 'track',
    event: `Runtime ${writeKey}`,
    messageId: `m-${writeKey}`,
    anonymousId: 'a',
    timestamp: '2026-12-05T00:00:00.000Z',
  });
  const segmentBody = gzipSync(JSON.stringify({ writeKey: `seg-${siteId}`, batch: [track(`seg-${siteId}`)] }));
  const segment = await send('/t/s/batch', segmentBody, {
    'content-encoding': 'gzip',
    cookie: `ajs_anonymous_id=${VISITOR_ID}`,
    'x-forwarded-for': VISITOR_IP,
  });
  const foreign = await send('/t/s/batch', JSON.stringify({ writeKey: 'someone-else', batch: [track('someone-else')] }));
  const pipelines = await send('/t/p/batch', JSON.stringify({ writeKey: `cdp-${siteId}`, batch: [track(`cdp-${siteId}`)] }));
  const item = { type: 'person', identifiers: { id: `p-${siteId}` }, action: 'event', name: 'Runtime Event', timestamp: 1764892800 };
  const customerio = await send('/t/c/2', JSON.stringify({ batch: [item] }));
  return {
    statuses: { segment: segment.status, foreign: foreign.status, pipelines: pipelines.status, customerio: customerio.status },
    cookies: segment.cookies,
  };
}

/** What the scenario must give in every runtime. */
const EXPECTED_ANSWERS = {
  statuses: { segment: 200, foreign: 403, pipelines: 200, customerio: 200 },
  cookies: [
    `ajs_anonymous_id=${VISITOR_ID}; Max-Age=31536000; Path=/; SameSite=Lax`,
    `tally_edge_refreshed=${VISITOR_ID}; Max-Age=86400; Path=/; SameSite=Lax`,
  ],
};

/** What the collector received from this runtime's scenario. */
async function received(siteId: string) {
  const events = (writeKey: string) => collector.store.events({ writeKey });
  return {
    segment: events(`seg-${siteId}`).map((event: { event: string; context: { ip?: string } }) => [event.event, event.context.ip]),
    pipelines: events(`cdp-${siteId}`).map((event: { event: string; context: { ip?: string } }) => [event.event, event.context.ip]),
    customerio: events(siteId).map((event: { name: string }) => event.name),
  };
}

const expectedEvents = (siteId: string) => ({
  segment: [[`Runtime seg-${siteId}`, VISITOR_IP]],
  // No X-Forwarded-For: the platform's own (loopback) address.
  pipelines: [[`Runtime cdp-${siteId}`, '127.0.0.1']],
  customerio: ['Runtime Event'],
});

/** Starts a runtime's process and waits until its port answers. */
async function startProcess(command: string, args: string[], siteId: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env(siteId), PORT: String(port), HOST: '127.0.0.1' } });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/t/`);
      return { child, port };
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${command} did not start: ${output}`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }
}

const BROWSER_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';

/** A Send over fetch() or miniflare's dispatchFetch. */
const sender =
  (fetchImpl: (url: string, init: RequestInit) => Promise<Response>, base: string): Send =>
  async (path, body, headers = {}) => {
    // A browser's user agent, as the SDK's requests carry (a runtime's own, such as `node`, is on the edge's crawler list).
    const browser = { 'user-agent': BROWSER_USER_AGENT };
    const response = await fetchImpl(`${base}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain', ...browser, ...headers },
    });
    await response.arrayBuffer();
    return { status: response.status, cookies: response.headers.getSetCookie() };
  };

describe.each<[string, () => [string, string[]]]>([
  ['Node', () => ['node', ['examples/edge/node.mjs']]],
  ['Deno', () => [bin('deno'), ['run', '--unstable-kv', '--allow-net', '--allow-env', '--allow-read', 'examples/edge/deno.ts']]],
  ['Bun', () => [bin('bun'), ['examples/edge/bun.ts']]],
])('the %s example', (name, command) => {
  it('forwards gzip Segment, Pipelines and Track API batches with the IP and the cookie, and refuses a foreign write key', async () => {
    const siteId = `runtime-${name.toLowerCase()}`;
    const [program, args] = command();
    const { child, port } = await startProcess(program, [...args], siteId);
    try {
      expect(await scenario(sender(fetch, `http://127.0.0.1:${port}`), siteId)).toEqual(EXPECTED_ANSWERS);
      expect(await received(siteId)).toEqual(expectedEvents(siteId));
      expect(await rulesScenario(fetch, `http://127.0.0.1:${port}`)).toEqual([200, '1', 412]);
    } finally {
      child.kill();
      await rm(env(siteId).RULES_DIR, { recursive: true, force: true });
    }
  }, 60_000);
});

/** The status line a raw request gets back on 127.0.0.1:`port` (the request closes its connection). */
const rawStatus = (port: number, request: string) =>
  new Promise<string>((done) => {
    let received = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (data) => {
      received += data;
    });
    socket.on('error', () => done(received.split('\r\n')[0] || 'RESET'));
    socket.on('close', () => done(received.split('\r\n')[0] || 'CLOSED'));
  });

describe('the Node example under hostile requests', () => {
  it('answers TRACE with 405 and bad Hosts or targets with 400, and the process lives on', async () => {
    const { child, port } = await startProcess('node', ['examples/edge/node.mjs'], 'runtime-hostile');
    try {
      const ask = (line: string, host: string) =>
        rawStatus(port, `${line}\r\nHost: ${host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(await ask('TRACE /t/s/batch HTTP/1.1', 'x')).toBe('HTTP/1.1 405 Method Not Allowed');
      for (const host of ['a b', 'x:99999', '[::1']) expect(await ask('POST /t/s/batch HTTP/1.1', host)).toBe('HTTP/1.1 400 Bad Request');
      expect(await ask('POST http://x:8080/t/s/batch HTTP/1.1', 'x:8080')).toBe('HTTP/1.1 400 Bad Request');
      expect(await ask('OPTIONS * HTTP/1.1', 'x:8080')).toBe('HTTP/1.1 400 Bad Request');
      expect(child.exitCode).toBeNull();
      const body = JSON.stringify({ writeKey: 'someone-else', batch: [] });
      expect((await fetch(`http://127.0.0.1:${port}/t/s/batch`, { method: 'POST', body })).status).toBe(403);
    } finally {
      child.kill();
    }
  }, 60_000);
});

describe('the Cloudflare Workers example, in workerd (miniflare)', () => {
  it('forwards gzip Segment, Pipelines and Track API batches with the IP and the cookie, and refuses a foreign write key', async () => {
    const siteId = 'runtime-workers';
    const worker = new Miniflare({
      modules: true,
      scriptPath: join(root, 'examples/edge/worker.mjs'),
      modulesRules: [{ type: 'ESModule', include: ['**/*.mjs'] }],
      bindings: env(siteId),
      kvNamespaces: ['RULES'],
      compatibilityDate: '2024-09-23',
    });
    try {
      const dispatch = (url: string, init: RequestInit) => worker.dispatchFetch(url, init as never) as unknown as Promise<Response>;
      expect(await scenario(sender(dispatch, 'http://shop.example'), siteId)).toEqual(EXPECTED_ANSWERS);
      expect(await received(siteId)).toEqual(expectedEvents(siteId));
      expect(await rulesScenario((url, init) => dispatch(url, init ?? {}), 'http://shop.example')).toEqual([200, '1', 412]);
    } finally {
      await worker.dispose();
    }
  }, 60_000);
});
