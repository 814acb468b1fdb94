// Peak memory of the Node edge (examples/edge/node.mjs over dist/edge.mjs) under many concurrent large Segment batches
// against an upstream that accepts connections and never answers: issue 21, point 3. Loopback only, bounded in count
// (REQUESTS, default 200) and time (each client gives up after CLIENT_TIMEOUT_MS, the run after RUN_TIMEOUT_MS).
// Run after `npx rollup -c`: node scripts/edge-memory.mjs  → prints the edge's peak RSS (VmHWM) and the answers' statuses.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

const REQUESTS = Number(process.env.REQUESTS ?? 200);
const BODY_BYTES = 480 * 1024;
const CLIENT_TIMEOUT_MS = Number(process.env.CLIENT_TIMEOUT_MS ?? 20_000);
const RUN_TIMEOUT_MS = 60_000;
const root = fileURLToPath(new URL('..', import.meta.url));

/** An upstream that takes every connection and body, and never answers. */
async function hangingUpstream() {
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const close = () => {
    for (const socket of sockets) socket.destroy();
    server.close();
  };
  return { port: server.address().port, close };
}

const freePort = () =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

/** The edge's peak and current resident memory in MB, from /proc (Linux). */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
}

/** One ~480 KB batch, as the SDK sends it. */
function batchBody(n) {
  const event = { type: 'track', event: 'Big', anonymousId: 'a', messageId: `m-${n}`, properties: { pad: 'x'.repeat(1000) } };
  const batch = [];
  while (JSON.stringify(batch).length < BODY_BYTES - 2000) batch.push({ ...event, messageId: `m-${n}-${batch.length}` });
  return JSON.stringify({ writeKey: 'bench', batch });
}

/** Posts `body`; resolves with the status, or the error's code when the client gave up or the socket broke. */
const post = (port, body) =>
  new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/t/s/batch', timeout: CLIENT_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => done(String(res.statusCode)));
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (error) => done(error.message === 'client timeout' ? 'client timeout' : (error.code ?? 'error')));
    req.end(body);
  });

const upstream = await hangingUpstream();
const port = await freePort();
const edge = spawn('node', ['examples/edge/node.mjs'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), SEGMENT_WRITE_KEYS: 'bench', SEGMENT_UPSTREAM: `http://127.0.0.1:${upstream.port}/v1` },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((done) => edge.stdout.once('data', done));
const guard = setTimeout(() => {
  console.error('run timed out');
  edge.kill();
  process.exit(1);
}, RUN_TIMEOUT_MS);
const started = Date.now();
const baseline = memory(edge.pid);
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, memory(edge.pid).rssMb);
}, 50);
const body = batchBody(0);
const statuses = await Promise.all(Array.from({ length: REQUESTS }, () => post(port, body)));
clearInterval(sampler);
const counts = statuses.reduce((all, status) => ({ ...all, [status]: (all[status] ?? 0) + 1 }), {});
const after = memory(edge.pid);
console.log(
  JSON.stringify({
    requests: REQUESTS,
    bodyKb: Math.round(body.length / 1024),
    baselineRssMb: baseline.rssMb,
    peakRssMb: Math.max(peak, after.peakMb),
    rssAfterMb: after.rssMb,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    answers: counts,
  }),
);
clearTimeout(guard);
edge.kill();
upstream.close();
