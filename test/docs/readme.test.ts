// The README and docs/local-collector.md against the code: the numbers of URLs `npm start` prints (to open, to
// configure), the base URLs, every environment variable the example servers read, and each control-route example run
// for real.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector } from '../../collector/server.mjs';
import { startUrls } from '../../scripts/start-urls.mjs';

const root = resolve(__dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readFileSync(join(root, 'docs/local-collector.md'), 'utf8');
const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const DEFAULTS = { siteUrl: 'http://127.0.0.1:8080', apiUrl: 'http://127.0.0.1:8787', viewerUrl: 'http://127.0.0.1:8080/viewer/' };

describe('README and docs/local-collector.md: npm start and the local collector', () => {
  it('says how many URLs to open and base URLs to configure npm start prints, and the section exists', () => {
    expect(section.length).toBeGreaterThan(500);
    const { open, configure } = startUrls(DEFAULTS);
    expect(/`npm start` prints (\w+) URLs to open/.exec(readme)?.[1]).toBe(NUMBERS[open.length]);
    expect(/(\w+) base URLs to configure/.exec(readme)?.[1]).toBe(NUMBERS[configure.length]);
  });

  it('gives the base URLs npm start prints for Segment, the Track API, Pipelines and the viewer', () => {
    const urls = new Map(startUrls(DEFAULTS).configure);
    for (const name of [
      'Collector: Segment apiHost',
      'Collector: Customer.io Track API apiHost',
      'Collector: Customer.io Pipelines apiHost',
    ]) {
      expect(section).toContain(`\`${urls.get(name)}\``);
    }
    expect(section).toContain(`\`${DEFAULTS.viewerUrl}\``);
  });

  it('names every environment variable the example servers read', () => {
    const files = [
      'collector/server.mjs',
      'scripts/start.mjs',
      ...readdirSync(join(root, 'examples/edge')).map((file) => `examples/edge/${file}`),
    ];
    const names = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(join(root, file), 'utf8').matchAll(/\b(?:process\.env|Bun\.env|env)\.([A-Z][A-Z0-9_]*)/g)) {
        names.add(match[1]);
      }
    }
    expect([...names]).toEqual(expect.arrayContaining(['SITE_PORT', 'API_PORT', 'HOST', 'PORT', 'CUSTOMERIO_API_KEY']));
    for (const name of names) expect(section, name).toContain(`\`${name}\``);
  });
});

describe('docs/local-collector.md: each control-route example works', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  beforeAll(async () => {
    collector = await startCollector({ sitePort: 0, apiPort: 0 });
  });
  afterAll(() => collector.close());

  /** The `curl` lines of the section's examples, as [method, URL, body]. */
  const examples = [...section.matchAll(/^curl (?:-X (\w+) )?(\S+)(?: -d '([^']*)')?/gm)].map(
    ([, method, url, body]) => [method ?? 'GET', url, body] as const,
  );

  it('has one example each for listing, resetting and faults', () => {
    const routes = examples.map(([method, url]) => `${method} ${new URL(url).pathname}`);
    expect(routes).toEqual(['GET /__collector/events', 'POST /__collector/reset', 'POST /__collector/faults']);
  });

  it('answers each as the README says', async () => {
    for (const [method, url, body] of examples) {
      const response = await fetch(url.replace(DEFAULTS.apiUrl, collector.apiUrl), { method, body });
      expect(response.status, `${method} ${url}`).toBe(200);
    }
    // The fault example's rule is in place: the next Segment request gets 503.
    expect(collector.faults.list()).toMatchObject([{ status: 503, count: 3, destination: 'segment' }]);
  });
});
