// The first-party edge, in each engine: with api.segment.io, cdp.customer.io and track.customer.io blocked in the browser
// (as a content blocker does), every event reaches the collector through the edge on the page's own origin, for all three
// upstreams, once, through offline/online and a reload; the edge's answer sets ajs_anonymous_id; bodies are gzipped.
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect, test, type Collector, type CollectorEvent, type TestContext, type TestPage } from './fixtures';

/** The collector's edge holds this Track API siteId (collector/server.mjs). */
const EDGE_SITE_ID = 'edge-site';
const BLOCKED = ['api.segment.io', 'cdp.customer.io', 'track.customer.io', 'track-eu.customer.io', 'cdp-eu.customer.io'];

/**
 * Blocks the services' hosts as uBlock Origin or Brave would (fetch fails), in the page so that it works in every engine,
 * and notes what it blocked and the edge batches sent (URL, Content-Encoding, body) in the tab's sessionStorage.
 */
async function blockTrackers(context: TestContext): Promise<void> {
  await context.addInitScript((blockedHosts) => {
    const realFetch = window.fetch.bind(window);
    const note = (key: string, value: unknown) =>
      sessionStorage.setItem(key, JSON.stringify([...JSON.parse(sessionStorage.getItem(key) || '[]'), value]));
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(new Request(input).url);
      if (blockedHosts.includes(url.hostname)) {
        note('e2e.blocked', url.href);
        return Promise.reject(new TypeError('blocked by client'));
      }
      if (url.pathname.endsWith('/t/s/batch') && init?.body) {
        const bytes = init.body instanceof ArrayBuffer ? new Uint8Array(init.body) : new TextEncoder().encode(String(init.body));
        let binary = '';
        for (const byte of bytes) binary += String.fromCharCode(byte);
        note('e2e.edgeBatches', { encoding: new Headers(init.headers).get('content-encoding'), body: btoa(binary) });
      }
      return realFetch(input, init);
    };
  }, BLOCKED);
}

/** What the page's blocker noted: `e2e.blocked` (URLs) or `e2e.edgeBatches`. */
const noted = <T>(page: TestPage, key: string): Promise<T[]> =>
  page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) || '[]'), key);

/** Tracks `count` events named `${prefix} n` in the page. */
const trackMany = (page: TestPage, prefix: string, count: number) =>
  page.evaluate(
    ({ prefix, count }) => {
      for (let n = 0; n < count; n++) (window as any).analytics.track(`${prefix} ${n}`, { n });
    },
    { prefix, count },
  );

const names = (events: Array<Partial<CollectorEvent>>) => events.map((event) => event.event ?? event.name).sort();

/** A page sending through the edge; its cookies last 7 days, as Safari caps those JavaScript writes. */
function edgePage(collector: Collector, customerio: object) {
  return collector.snippetPage({ options: { flushInterval: 200, edge: '/t', customerio, cookie: { maxage: 7 } }, page: false });
}

test('through the edge with the trackers blocked: Segment and the Track API get every event once, through offline and a reload', async ({
  page,
  context,
  collector,
}) => {
  await blockTrackers(context);
  const prefix = `Edge ${collector.writeKey}`;
  const url = await collector.servePage(edgePage(collector, {}));
  await page.goto(url);
  await trackMany(page, `${prefix} a`, 10);
  type Batch = { encoding: string | null; body: string };
  await expect.poll(async () => (await noted<Batch>(page, 'e2e.edgeBatches')).length).toBeGreaterThan(0);
  const [first] = await noted<Batch>(page, 'e2e.edgeBatches');
  expect(first.encoding).toBe('gzip');
  // The edge's answer sets the first-party cookie. A page cannot read Set-Cookie: the batch is replayed from here, under
  // another writeKey so that its events stay apart from this test's.
  const replay = {
    ...JSON.parse(gunzipSync(Buffer.from(first.body, 'base64')).toString('utf8')),
    writeKey: `${collector.writeKey}-replay`,
  };
  const replayed = await fetch(`${collector.siteUrl}/t/s/batch`, {
    method: 'POST',
    // The edge extends only a cookie the browser sent.
    // A browser's user agent: Node's own (`node`) is on the edge's crawler list, whose batches are answered unforwarded.
    headers: {
      'content-type': 'text/plain',
      'content-encoding': 'gzip',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
      cookie: `ajs_anonymous_id=${replay.batch[0].anonymousId}`,
    },
    body: gzipSync(JSON.stringify(replay)),
  });
  expect(replayed.headers.get('set-cookie')).toMatch(/ajs_anonymous_id=[\w-]+; Max-Age=31536000; Path=\/; SameSite=Lax/);
  // The browser kept the page's own edge answers' cookie: the SDK's 7-day cookie now lasts a year, the day's marker is
  // there, and the SDK reads that id.
  const anonymousId = await page.evaluate(() => (window as any).analytics.user().anonymousId());
  const cookie = async (name: string) => (await context.cookies()).find((candidate) => candidate.name === name);
  await expect.poll(async () => (await cookie('tally_edge_refreshed'))?.value).toBe(anonymousId);
  const kept = await cookie('ajs_anonymous_id');
  expect(kept?.value).toBe(anonymousId);
  expect((kept?.expires ?? 0) * 1000 - Date.now()).toBeGreaterThan(360 * 86_400_000);
  await context.setOffline(true);
  await trackMany(page, `${prefix} b`, 10);
  await page.waitForTimeout(300);
  await context.setOffline(false);
  await page.evaluate(() => (window as any).analytics.flush());
  // Safari also clears script-written storage after 7 days: the reload finds only the edge's cookie, and keeps the id.
  await page.evaluate(() => localStorage.removeItem('ajs_anonymous_id'));
  await page.reload();
  expect(await page.evaluate(() => (window as any).analytics.user().anonymousId())).toBe(anonymousId);
  await trackMany(page, `${prefix} c`, 10);

  const segment = await collector.waitForEvents(30, { filter: { destination: 'segment', type: 'track' }, timeout: 15_000 });
  const ours = (event: CollectorEvent) => typeof event.name === 'string' && event.name.startsWith(prefix);
  const deadline = Date.now() + 15_000;
  let customerio = (await collector.events({ destination: 'customerio', writeKey: EDGE_SITE_ID })).filter(ours);
  while (customerio.length < 30 && Date.now() < deadline) {
    await page.waitForTimeout(250);
    customerio = (await collector.events({ destination: 'customerio', writeKey: EDGE_SITE_ID })).filter(ours);
  }
  // Watch a while longer: a duplicate would show up now.
  await page.waitForTimeout(1500);
  // Wire bytes of the Segment batches, as sent (gzip) and inflated.
  const wire = { gzip: 0, plain: 0, events: 0 };
  for (const batch of await noted<Batch>(page, 'e2e.edgeBatches')) {
    if (batch.encoding !== 'gzip') continue;
    const body = Buffer.from(batch.body, 'base64');
    const plain = gunzipSync(body);
    wire.gzip += body.length;
    wire.plain += plain.length;
    wire.events += JSON.parse(plain.toString('utf8')).batch.length;
  }
  const segmentAll = await collector.events({ destination: 'segment', type: 'track' });
  const customerioAll = (await collector.events({ destination: 'customerio', writeKey: EDGE_SITE_ID })).filter(ours);
  console.log(
    `EDGE blocker simulated, through the edge: Segment ${segmentAll.length}/30, Customer.io Track API ${customerioAll.length}/30`,
  );
  const perEvent = (bytes: number) => Math.round(bytes / wire.events);
  console.log(`EDGE wire bytes per event (${wire.events} events): ${perEvent(wire.gzip)} B gzip, ${perEvent(wire.plain)} B uncompressed`);
  expect(wire.events).toBeGreaterThan(0);
  expect(wire.gzip).toBeLessThan(wire.plain);
  expect(names(segmentAll)).toEqual(names(segment.slice(0, 30)));
  expect(segmentAll).toHaveLength(30);
  expect(new Set(segmentAll.map((event) => event.messageId)).size).toBe(30);
  expect(customerioAll).toHaveLength(30);
  expect(segmentAll.every((event) => event.context.ip === '127.0.0.1')).toBe(true);
  expect(new Set(segmentAll.map((event) => event.anonymousId))).toEqual(new Set([anonymousId]));
  expect(await noted(page, 'e2e.blocked')).toEqual([]);
  // No Track API key in the page.
  expect(await page.content()).not.toContain('edge-key');
});

test('Pipelines through the edge, blocked host and all: every event once', async ({ page, context, collector }) => {
  await blockTrackers(context);
  await page.goto(await collector.servePage(edgePage(collector, { writeKey: collector.writeKey })));
  await trackMany(page, 'Piped', 12);
  const events = await collector.waitForEvents(12, { filter: { destination: 'customerio', type: 'track' }, timeout: 10_000 });
  await page.waitForTimeout(1000);
  expect(await collector.events({ destination: 'customerio', type: 'track' })).toHaveLength(12);
  expect(names(events)).toEqual(names(Array.from({ length: 12 }, (_, n) => ({ event: `Piped ${n}` }))));
});

test('without the edge, the same blocker loses every event', async ({ page, context, collector }) => {
  await blockTrackers(context);
  // The default hosts: api.segment.io and cdp.customer.io, both blocked.
  const options = { flushInterval: 200, customerio: { writeKey: collector.writeKey } };
  await page.goto(await collector.servePage(collector.snippetPage({ options, page: false })));
  await trackMany(page, 'Blocked', 10);
  await expect.poll(async () => (await noted(page, 'e2e.blocked')).length).toBeGreaterThan(1);
  await page.waitForTimeout(1000);
  const arrived = await collector.events({ type: 'track' });
  const blocked = await noted(page, 'e2e.blocked');
  console.log(`EDGE blocker simulated, without the edge: ${arrived.length}/20 arrived, ${blocked.length} requests blocked`);
  expect(arrived).toEqual([]);
});
