// The collector's static rules documents (served with an ETag, 304 on If-None-Match), and its edge as the rules host:
// the demo's rules published at start, and a workspace per e2e test.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCollector } from '../../collector/server.mjs';

const REPO_ROOT = resolve(__dirname, '../..');

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function start() {
  const root = await mkdtemp(join(tmpdir(), 'tally-rules-'));
  await mkdir(join(root, 'examples', 'rules'), { recursive: true });
  await writeFile(join(root, 'examples', 'rules', 'site.json'), JSON.stringify({ version: '1', events: { A: { on: 'page' } } }));
  const collector = await startCollector({ root });
  closers.push(
    () => rm(root, { recursive: true, force: true }),
    () => collector.close(),
  );
  return { root, site: collector.siteUrl };
}

describe('rules documents', () => {
  it('serves a document with an ETag and answers 304 to If-None-Match', async () => {
    const { site } = await start();
    const first = await fetch(`${site}/rules/site.json`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\da-f]{20}"$/);
    expect(await first.json()).toEqual({ version: '1', events: { A: { on: 'page' } } });
    expect((await fetch(`${site}/rules/site.json`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${site}/rules/missing.json`)).status).toBe(404);
  });

  it('has no save route any more (publishing goes through the edge)', async () => {
    const { site } = await start();
    const answer = await fetch(`${site}/__tally/rules?url=/rules/site.json`, { method: 'POST', body: '{"events":{}}' });
    expect([404, 405]).toContain(answer.status);
  });
});

describe("the collector's edge as the rules host", () => {
  it('publishes the demo rules (examples/rules/nocode.json) as version 1, and gives each e2e test a workspace of its own', async () => {
    if (!existsSync(join(REPO_ROOT, 'dist/edge.mjs'))) throw new Error('dist/edge.mjs is missing: run `npx rollup -c`');
    const collector = await startCollector();
    closers.push(() => collector.close());
    const seed = JSON.parse(await readFile(join(REPO_ROOT, 'examples/rules/nocode.json'), 'utf8'));
    expect(await (await fetch(`${collector.siteUrl}/t/rules`)).json()).toEqual({ ...seed, version: '1' });
    const mine = `${collector.siteUrl}/edges/e2e-test-1/rules`;
    const headers = { authorization: `Bearer ${collector.editorToken}`, 'if-match': '"0"' };
    expect((await fetch(mine, { method: 'PUT', headers, body: '{"events":{"A":{"on":"page"}}}' })).status).toBe(200);
    expect((await (await fetch(mine)).json()).version).toBe('1');
    expect((await (await fetch(`${collector.siteUrl}/edges/e2e-test-2/rules`)).json()).version).toBe('0');
    expect((await (await fetch(`${collector.siteUrl}/t/rules`)).json()).events).toEqual(seed.events);
  });
});
