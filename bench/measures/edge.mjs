// Measure 8: the first-party edge (issue 14). With a content blocker simulated in the browser (every request to Segment's
// and Customer.io's hosts aborted, as uBlock Origin or Brave do), how many of a visit's events reach Segment and
// Customer.io's Track API with tally's `edge: '/t'` and without it; and the bytes per event of Segment batches through the
// edge, gzip bodies against plain ones (the same page with CompressionStream removed). Runs on the collector's site
// origin, where the collector mounts the edge (dist/edge.mjs) at /t. Alone: `node bench/measures/edge.mjs` (after the build).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { segmentSnippet } from '../sdks/snippet.mjs';

/** The hosts a content blocker stops (EasyPrivacy lists them; uBlock Origin and Brave apply it by default). */
export const BLOCKED_HOSTS = ['api.segment.io', 'cdp.customer.io', 'track.customer.io', 'cdp-eu.customer.io', 'track-eu.customer.io'];
/** The Track API siteId the collector's edge holds (collector/server.mjs). */
const EDGE_SITE_ID = 'edge-site';
const FLUSH_INTERVAL_MS = 500;
/** Events per batch: analytics-next's batching size, so bytes per event compare with a site's usual batches. */
const FLUSH_AT = 10;
/** How long a visit waits for its events before counting what arrived (the Track API takes anonymous events one by one). */
const DELIVERY_WAIT_MS = 30_000;

/**
 * One visit: `events` track calls, then waits for them. `edge`: through the edge; `gzip`: CompressionStream left in place.
 * Returns how many arrived per destination, and the Segment batches' bytes as the browser sent them.
 */
async function visit({ browser, collector, events, edge, gzip }) {
  const key = `bench-edge-${Math.random().toString(36).slice(2, 10)}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  let blocked = 0;
  await page.route(
    (url) => BLOCKED_HOSTS.includes(url.hostname),
    (route) => {
      blocked += 1;
      return route.abort('blockedbyclient');
    },
  );
  if (!gzip) await page.addInitScript(() => delete globalThis.CompressionStream);
  const batches = [];
  page.on('requestfinished', async (request) => {
    if (!new URL(request.url()).pathname.endsWith('/s/batch')) return;
    const sizes = await request.sizes();
    const gzipped = request.headers()['content-encoding'] === 'gzip';
    const body = request.postDataBuffer() ?? Buffer.alloc(0);
    const events = JSON.parse((gzipped ? gunzipSync(body) : body).toString('utf8')).batch.length;
    batches.push({ body: sizes.requestBodySize, headers: sizes.requestHeadersSize, gzip: gzipped, events });
  });
  // Without the edge, Customer.io's Track API with a browser-safe public key: its host is blocked like Segment's.
  const customerio = edge ? {} : { siteId: EDGE_SITE_ID, apiKey: 'pk_bench' };
  const options = { flushInterval: FLUSH_INTERVAL_MS, flushAt: FLUSH_AT, customerio, ...(edge ? { edge: '/t' } : {}) };
  const html = `<!doctype html><html><head><meta charset="utf-8"><script>window.__bench = { markReady() {} };</script>
${segmentSnippet({ key, scriptUrl: JSON.stringify('/dist/tally.min.js'), options })}</head><body></body></html>`;
  await page.goto(collector.siteUrl + collector.pages.add({ html }));
  // In rounds of one batch, a flush interval apart, as a visitor's clicks come: each request carries about FLUSH_AT events.
  for (let first = 0; first < events; first += FLUSH_AT) {
    await page.evaluate(
      ({ key, first, count }) => {
        for (let n = first; n < first + count; n++) window.analytics.track(`Edge ${key} ${n}`, { n, plan: 'pro', currency: 'EUR' });
      },
      { key, first, count: Math.min(FLUSH_AT, events - first) },
    );
    await page.waitForTimeout(FLUSH_INTERVAL_MS + 200);
  }
  const mine = (event) => String(event.event ?? event.name).startsWith(`Edge ${key} `);
  const count = () => ({
    segment: new Set(
      collector.store
        .events({ writeKey: key, type: 'track' })
        .filter(mine)
        .map((event) => event.messageId),
    ).size,
    customerio: collector.store.events({ writeKey: EDGE_SITE_ID }).filter(mine).length,
  });
  // Through the edge, until all arrived; without it, nothing can arrive (every request is blocked): a short look suffices.
  const deadline = Date.now() + (edge ? DELIVERY_WAIT_MS : 3000);
  while (Date.now() < deadline) {
    const arrived = count();
    if (arrived.segment >= events && arrived.customerio >= events) break;
    await page.waitForTimeout(100);
  }
  const arrived = count();
  await context.close();
  return { arrived, blocked, batches };
}

/**
 * The edge figures: events delivered with the blocker simulated (edge vs none) and Segment bytes per event through the
 * edge (gzip vs plain), body alone and with the request's headers.
 */
export async function measureEdge({ browser, collector, events = 100 }) {
  const withEdge = await visit({ browser, collector, events, edge: true, gzip: true });
  const plain = await visit({ browser, collector, events, edge: true, gzip: false });
  const direct = await visit({ browser, collector, events, edge: false, gzip: true });
  const perEvent = ({ batches }) => {
    const sum = (pick) => batches.reduce((total, batch) => total + pick(batch), 0);
    return {
      body: Math.round(sum((batch) => batch.body) / sum((batch) => batch.events)),
      wire: Math.round(sum((batch) => batch.body + batch.headers) / sum((batch) => batch.events)),
      requests: batches.length,
      gzip: batches.length > 0 && batches.every((batch) => batch.gzip),
    };
  };
  return {
    events,
    flushAt: FLUSH_AT,
    delivered: { edge: withEdge.arrived, none: direct.arrived, blockedWithoutEdge: direct.blocked, blockedWithEdge: withEdge.blocked },
    bytesPerEvent: { gzip: perEvent(withEdge), plain: perEvent(plain) },
  };
}

/** The figures as one line each. */
export function describeEdge(edge) {
  const { delivered, bytesPerEvent, events } = edge;
  return [
    `blocker simulated, ${events} events: through the edge Segment ${delivered.edge.segment}/${events}, Customer.io ${delivered.edge.customerio}/${events}; ` +
      `without it Segment ${delivered.none.segment}/${events}, Customer.io ${delivered.none.customerio}/${events} (${delivered.blockedWithoutEdge} requests blocked)`,
    `Segment bytes per event through the edge (batches of ${edge.flushAt}): ${bytesPerEvent.gzip.body} B gzip body (${bytesPerEvent.gzip.wire} B with headers, ${bytesPerEvent.gzip.requests} requests), ` +
      `${bytesPerEvent.plain.body} B plain (${bytesPerEvent.plain.wire} B, ${bytesPerEvent.plain.requests} requests)`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { chromium } = await import('playwright');
  const { startCollector } = await import('../../collector/server.mjs');
  const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('../chromium.mjs');
  const collector = await startCollector({ sitePort: 0, apiPort: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const edge = await measureEdge({ browser, collector });
    for (const line of describeEdge(edge)) console.log(line);
  } finally {
    await browser.close();
    await collector.close();
  }
}
