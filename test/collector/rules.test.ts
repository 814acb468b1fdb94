// The collector's rules documents: served with an ETag (304 on If-None-Match), written by the picker's save route to
// examples/rules/<name>.json under npm start, kept in memory otherwise.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector } from '../../collector/server.mjs';
import { mergeRules, nextVersion } from '../../collector/rules.mjs';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function start(saveRules: boolean) {
  const root = await mkdtemp(join(tmpdir(), 'tally-rules-'));
  await mkdir(join(root, 'examples', 'rules'), { recursive: true });
  await writeFile(join(root, 'examples', 'rules', 'site.json'), JSON.stringify({ version: '1', events: { A: { on: 'page' } } }));
  const collector = await startCollector({ root, saveRules });
  closers.push(
    () => rm(root, { recursive: true, force: true }),
    () => collector.close(),
  );
  const save = (events: object, headers: Record<string, string> = {}) =>
    fetch(`${collector.siteUrl}/__tally/rules?url=/rules/site.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ events }),
    });
  return { root, site: collector.siteUrl, save };
}

describe('rules documents', () => {
  it('serves a document with an ETag and answers 304 to If-None-Match', async () => {
    const { site } = await start(false);
    const first = await fetch(`${site}/rules/site.json`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\da-f]{20}"$/);
    expect(await first.json()).toEqual({ version: '1', events: { A: { on: 'page' } } });
    expect((await fetch(`${site}/rules/site.json`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${site}/rules/missing.json`)).status).toBe(404);
  });

  it('npm start: a save merges into the file and bumps the version; the ETag changes', async () => {
    const { root, site, save } = await start(true);
    const before = (await fetch(`${site}/rules/site.json`)).headers.get('etag');
    const check = await fetch(`${site}/__tally/rules?url=/rules/site.json`);
    expect(await check.json()).toEqual({ file: join('examples', 'rules', 'site.json'), writable: true });
    const answer = await save({ B: { on: 'click', selector: '.b' } });
    expect(await answer.json()).toEqual({ version: '2', file: join('examples', 'rules', 'site.json') });
    const written = JSON.parse(await readFile(join(root, 'examples', 'rules', 'site.json'), 'utf8'));
    expect(written).toEqual({ version: '2', events: { A: { on: 'page' }, B: { on: 'click', selector: '.b' } } });
    expect((await fetch(`${site}/rules/site.json`)).headers.get('etag')).not.toBe(before);
  });

  it('without saveRules, a save stays in memory; the file is untouched', async () => {
    const { root, site, save } = await start(false);
    await save({ B: { on: 'page' } });
    expect(JSON.parse(await readFile(join(root, 'examples', 'rules', 'site.json'), 'utf8')).events).toEqual({ A: { on: 'page' } });
    expect((await (await fetch(`${site}/rules/site.json`)).json()).events).toEqual({ A: { on: 'page' }, B: { on: 'page' } });
  });

  it('refuses saves from another origin, bad bodies and paths outside /rules/', async () => {
    const { site, save } = await start(false);
    expect((await save({ B: { on: 'page' } }, { origin: 'http://evil.test' })).status).toBe(403);
    expect((await save({ B: 'not a definition' })).status).toBe(400);
    expect((await fetch(`${site}/__tally/rules?url=/rules/../package.json`)).status).toBe(400);
  });

  it('versions: integers count up, anything else becomes the save time', () => {
    expect(nextVersion('41')).toBe('42');
    expect(nextVersion('2026-01-01')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(mergeRules(null, { A: { on: 'page' } })).toEqual({ version: '1', events: { A: { on: 'page' } } });
  });
});
