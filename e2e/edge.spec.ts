// The first-party edge in Chromium: with api.segment.io, cdp.customer.io and track.customer.io blocked in the browser (as
// a content blocker does), every event reaches the collector through the edge on the page's own origin, for all three
// upstreams, once, through offline/online and a reload; the edge's answer sets ajs_anonymous_id; bodies are gzipped.
import type { Page } from '@playwright/test';
import { gunzipSync } from 'node:zlib';
import { expect, test, type Collector } from './fixtures';

/** The collector's edge holds this Track API siteId (collector/server.mjs). */
const EDGE_SITE_ID = 'edge-site';
const BLOCKED = ['api.segment.io', 'cdp.customer.io', 'track.customer.io', 'track-eu.customer.io', 'cdp-eu.customer.io'];

/** Blocks the services' hosts as uBlock Origin or Brave would; returns the URLs it blocked. */
async function blockTrackers(page: Page): Promise<string[]> {
  const blocked: string[] = [];
  await page.route(
    (url) => BLOCKED.includes(url.hostname),
    (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  return blocked;
}

/** Tracks `count` events named `${prefix} n` in the page. */
const trackMany = (page: Page, prefix: string, count: number) =>
  page.evaluate(
    ({ prefix, count }) => {
      for (let n = 0; n < count; n++) (window as any).analytics.track(`${prefix} ${n}`, { n });
    },
    { prefix, count },
  );

const names = (events: Array<{ event?: string; name?: string }>) => events.map((event) => event.event ?? event.name).sort();

/** A page sending through the edge; its cookies last 7 days, as Safari caps those JavaScript writes. */
function edgePage(collector: Collector, customerio: object) {
  return collector.snippetPage({ options: { flushInterval: 200, edge: '/t', customerio, cookie: { maxage: 7 } }, page: false });
}

test('through the edge with the trackers blocked: Segment and the Track API get every event once, through offline and a reload', async ({
  page,
  context,
  collector,
}) => {
  const blocked = await blockTrackers(page);
  const prefix = `Edge ${collector.writeKey}`;
  // Wire bytes of the Segment batches, as sent (gzip) and inflated.
  const wire = { gzip: 0, plain: 0, events: 0 };
  // When each edge request left, and when the first answer that set the cookie came back.
  const sentAt = new Map<object, number>();
  const refreshes: number[] = [];
  let firstRefreshAt = Infinity;
  page.on('request', (request) => void sentAt.set(request, Date.now()));
  page.on('response', async (response) => {
    if (!new URL(response.url()).pathname.startsWith('/t/') || !(await response.headerValue('set-cookie'))) return;
    refreshes.push(sentAt.get(response.request()) ?? 0);
    firstRefreshAt = Math.min(firstRefreshAt, Date.now());
  });
  page.on('request', (request) => {
    const body = request.postDataBuffer();
    if (!request.url().endsWith('/t/s/batch') || !body || request.headers()['content-encoding'] !== 'gzip') return;
    const plain = gunzipSync(body);
    wire.gzip += body.length;
    wire.plain += plain.length;
    wire.events += JSON.parse(plain.toString('utf8')).batch.length;
  });
  const url = await collector.servePage(edgePage(collector, {}));
  const firstBatch = page.waitForRequest((request) => request.url().endsWith('/t/s/batch'));
  await page.goto(url);
  await trackMany(page, `${prefix} a`, 10);
  const sent = await firstBatch;
  expect(sent.headers()['content-encoding']).toBe('gzip');
  const answer = await sent.response();
  expect((await answer?.allHeaders())?.['set-cookie']).toMatch(/ajs_anonymous_id=[\w-]+; Max-Age=31536000; Path=\/; SameSite=Lax/);
  // The browser kept it: the SDK's 7-day cookie now lasts a year, the day's marker is there, and the SDK reads that id.
  const anonymousId = await page.evaluate(() => (window as any).analytics.user().anonymousId());
  const cookies = Object.fromEntries((await context.cookies()).map((cookie) => [cookie.name, cookie]));
  expect(cookies.ajs_anonymous_id.value).toBe(anonymousId);
  expect(cookies.ajs_anonymous_id.expires * 1000 - Date.now()).toBeGreaterThan(360 * 86_400_000);
  expect(cookies.tally_edge_refreshed.value).toBe(anonymousId);
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
  const ours = (event: { name?: string }) => typeof event.name === 'string' && event.name.startsWith(prefix);
  const deadline = Date.now() + 15_000;
  let customerio = (await collector.events({ destination: 'customerio', writeKey: EDGE_SITE_ID })).filter(ours);
  while (customerio.length < 30 && Date.now() < deadline) {
    await page.waitForTimeout(250);
    customerio = (await collector.events({ destination: 'customerio', writeKey: EDGE_SITE_ID })).filter(ours);
  }
  // Watch a while longer: a duplicate would show up now.
  await page.waitForTimeout(1500);
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
  // Refreshed once that day: only requests already in flight when the first refresh came back (Segment's and Customer.io's
  // first batches leave together) got a Set-Cookie; none sent later did.
  expect(refreshes.length).toBeGreaterThan(0);
  expect(refreshes.every((at) => at <= firstRefreshAt)).toBe(true);
  expect(blocked).toEqual([]);
  // No Track API key in the page.
  expect(await page.content()).not.toContain('edge-key');
});

test('Pipelines through the edge, blocked host and all: every event once', async ({ page, collector }) => {
  await blockTrackers(page);
  await page.goto(await collector.servePage(edgePage(collector, { writeKey: collector.writeKey })));
  await trackMany(page, 'Piped', 12);
  const events = await collector.waitForEvents(12, { filter: { destination: 'customerio', type: 'track' }, timeout: 10_000 });
  await page.waitForTimeout(1000);
  expect(await collector.events({ destination: 'customerio', type: 'track' })).toHaveLength(12);
  expect(names(events)).toEqual(names(Array.from({ length: 12 }, (_, n) => ({ event: `Piped ${n}` }))));
});

test('without the edge, the same blocker loses every event', async ({ page, collector }) => {
  const blocked = await blockTrackers(page);
  // The default hosts: api.segment.io and cdp.customer.io, both blocked.
  const options = { flushInterval: 200, customerio: { writeKey: collector.writeKey } };
  await page.goto(await collector.servePage(collector.snippetPage({ options, page: false })));
  await trackMany(page, 'Blocked', 10);
  await expect.poll(() => blocked.length).toBeGreaterThan(1);
  await page.waitForTimeout(1000);
  const arrived = await collector.events({ type: 'track' });
  console.log(`EDGE blocker simulated, without the edge: ${arrived.length}/20 arrived, ${blocked.length} requests blocked`);
  expect(arrived).toEqual([]);
});
