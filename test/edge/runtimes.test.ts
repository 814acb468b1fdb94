// The deployment examples, each started in its runtime (Node, Deno and Bun from npm, Workers in workerd through
// miniflare), run one scenario against the local collector: a Segment batch and a Track API batch through /t, and a
// foreign write key refused. Needs the build (dist/edge.mjs; npm test builds first).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  CUSTOMERIO_SITE_ID: siteId,
  CUSTOMERIO_API_KEY: 'runtime-key',
  SEGMENT_UPSTREAM: `${collector.apiUrl}/v1`,
  CUSTOMERIO_UPSTREAM: collector.apiUrl,
});

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/** Posts the scenario to an edge at `base`; returns the statuses. */
async function scenario(send: (path: string, body: string) => Promise<number>, siteId: string) {
  const track = {
    type: 'track',
    event: `Runtime ${siteId}`,
    messageId: `m-${siteId}`,
    anonymousId: 'a',
    timestamp: '2026-12-05T00:00:00.000Z',
  };
  const segment = await send('/t/s/batch', JSON.stringify({ writeKey: `seg-${siteId}`, batch: [track] }));
  const foreign = await send('/t/s/batch', JSON.stringify({ writeKey: 'someone-else', batch: [track] }));
  const item = { type: 'person', identifiers: { id: `p-${siteId}` }, action: 'event', name: 'Runtime Event', timestamp: 1764892800 };
  const customerio = await send('/t/c/2', JSON.stringify({ batch: [item] }));
  return { segment, foreign, customerio };
}

/** What the collector received from this runtime's scenario. */
async function received(siteId: string) {
  const segment = collector.store.events({ writeKey: `seg-${siteId}` });
  const customerio = collector.store.events({ writeKey: siteId });
  return {
    segment: segment.map((event: { event: string }) => event.event),
    customerio: customerio.map((event: { name: string }) => event.name),
  };
}

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

const post = (port: number) => async (path: string, body: string) =>
  (await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } })).status;

describe.each([
  ['Node', () => ['node', ['examples/edge/node.mjs']]],
  ['Deno', () => [bin('deno'), ['run', '--allow-net', '--allow-env', '--allow-read', 'examples/edge/deno.ts']]],
  ['Bun', () => [bin('bun'), ['examples/edge/bun.ts']]],
] as const)('the %s example', (name, command) => {
  it('forwards Segment and Track API batches to the collector and refuses a foreign write key', async () => {
    const siteId = `runtime-${name.toLowerCase()}`;
    const [program, args] = command();
    const { child, port } = await startProcess(program, [...args], siteId);
    try {
      expect(await scenario(post(port), siteId)).toEqual({ segment: 200, foreign: 403, customerio: 200 });
      expect(await received(siteId)).toEqual({ segment: [`Runtime ${siteId}`], customerio: ['Runtime Event'] });
    } finally {
      child.kill();
    }
  }, 60_000);
});

describe('the Cloudflare Workers example, in workerd (miniflare)', () => {
  it('forwards Segment and Track API batches to the collector and refuses a foreign write key', async () => {
    const siteId = 'runtime-workers';
    const worker = new Miniflare({
      modules: true,
      scriptPath: join(root, 'examples/edge/worker.mjs'),
      modulesRules: [{ type: 'ESModule', include: ['**/*.mjs'] }],
      bindings: env(siteId),
      compatibilityDate: '2024-09-23',
    });
    try {
      const send = async (path: string, body: string) =>
        (await worker.dispatchFetch(`http://shop.example${path}`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } }))
          .status;
      expect(await scenario(send, siteId)).toEqual({ segment: 200, foreign: 403, customerio: 200 });
      expect(await received(siteId)).toEqual({ segment: [`Runtime ${siteId}`], customerio: ['Runtime Event'] });
    } finally {
      await worker.dispose();
    }
  }, 60_000);
});
