// Tests of the collector itself in Chromium: real cross-origin requests from the site origin to the API origin.
import type { Page } from '@playwright/test';
import { expect, test, type Collector } from './fixtures';

const blankPage = '<!doctype html><html><head><meta charset="utf-8"><title>collector test</title></head><body></body></html>';

const trackEvent = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  event: name,
  messageId: `msg-${Math.random().toString(36).slice(2)}`,
  anonymousId: 'anon-1',
  timestamp: new Date().toISOString(),
  ...extra,
});

/** POSTs from inside the page (site origin) to the API origin, as the SDK would. */
async function postFromPage(page: Page, url: string, body: string, contentType: string) {
  return page.evaluate(
    async ({ url, body, contentType }) => {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body });
      return { status: response.status, body: await response.json(), retryAfter: response.headers.get('Retry-After') };
    },
    { url, body, contentType },
  );
}

async function openBlankPage(page: Page, collector: Collector) {
  const url = await collector.servePage(blankPage);
  expect(new URL(url).origin).toBe(collector.siteUrl);
  await page.goto(url);
}

test('a text/plain batch from the site origin is recorded under its writeKey, without a preflight', async ({ page, collector }) => {
  await openBlankPage(page, collector);
  const event = trackEvent('Plain Posted');
  const result = await postFromPage(
    page,
    `${collector.apiUrl}/v1/batch`,
    JSON.stringify({ writeKey: collector.writeKey, batch: [event] }),
    'text/plain',
  );

  expect(result).toEqual({ status: 200, body: { success: true }, retryAfter: null });
  const [received] = await collector.waitForEvents(1);
  expect(received).toMatchObject({ type: 'track', event: 'Plain Posted', messageId: event.messageId, problems: [] });
  const requests = await collector.requests();
  expect(requests.map((request) => request.method)).toEqual(['POST']);
  expect(requests[0].headers['content-type']).toBe('text/plain');
  expect(requests[0].headers.origin).toBe(collector.siteUrl);
});

test('an application/json batch is preceded by a recorded CORS preflight', async ({ page, collector }) => {
  await openBlankPage(page, collector);
  const body = JSON.stringify({ writeKey: collector.writeKey, batch: [trackEvent('Json Posted')] });
  const result = await postFromPage(page, `${collector.apiUrl}/v1/b`, body, 'application/json');

  expect(result.status).toBe(200);
  await collector.waitForEvents(1, { filter: { event: 'Json Posted' } });
  const requests = await collector.requests();
  expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(['OPTIONS /v1/b', 'POST /v1/b']);
  expect(requests[0].headers['access-control-request-headers']).toBe('content-type');
});

test('invalid JSON is answered 400 and recorded with its raw text', async ({ page, collector }) => {
  await openBlankPage(page, collector);
  const broken = `{"writeKey": "${collector.writeKey}", `;
  const result = await postFromPage(page, `${collector.apiUrl}/v1/t`, broken, 'text/plain');

  expect(result.status).toBe(400);
  expect(result.body).toMatchObject({ success: false, error: 'Invalid JSON' });
  // Unparsable, so the collector cannot know the writeKey: look the request up by its raw body.
  const matching = (await collector.requests({ writeKey: '' })).filter((request) => request.body === broken);
  expect(matching).toHaveLength(1);
  expect(matching[0]).toMatchObject({ status: 400, events: [] });
});

test('an event over 32 KB makes the batch a 400 and nothing is accepted', async ({ page, collector }) => {
  await openBlankPage(page, collector);
  const huge = trackEvent('Too Big', { properties: { pad: 'x'.repeat(33 * 1024) } });
  const body = JSON.stringify({ writeKey: collector.writeKey, batch: [trackEvent('Fine'), huge] });
  const result = await postFromPage(page, `${collector.apiUrl}/v1/batch`, body, 'text/plain');

  expect(result.status).toBe(400);
  const [request] = await collector.requests();
  expect(request.status).toBe(400);
  expect(await collector.events()).toEqual([]);
});

test('a 429 fault is answered with a Retry-After the page can read, then the service recovers', async ({ page, collector }) => {
  await openBlankPage(page, collector);
  await collector.fault({ status: 429, count: 1, headers: { 'Retry-After': '3' } });
  const body = () => JSON.stringify({ writeKey: collector.writeKey, batch: [trackEvent('Retried')] });

  const limited = await postFromPage(page, `${collector.apiUrl}/v1/batch`, body(), 'text/plain');
  expect(limited).toMatchObject({ status: 429, retryAfter: '3' });
  expect(await collector.events()).toEqual([]);
  const accepted = await postFromPage(page, `${collector.apiUrl}/v1/batch`, body(), 'text/plain');
  expect(accepted.status).toBe(200);
  expect(await collector.waitForEvents(1)).toHaveLength(1);
  expect((await collector.requests()).map((request) => request.status)).toEqual([429, 200]);
});

test('the viewer shows a new event live, with its duplicate marked', async ({ page, collector, request }) => {
  await page.goto(`${collector.siteUrl}/viewer/`);
  await expect(page.locator('[data-connection]')).toHaveAttribute('data-connection', 'live');
  const name = `Viewer Event ${collector.writeKey}`;
  const event = trackEvent(name, { userId: 'user-42' });
  const send = () =>
    request.post(`${collector.apiUrl}/v1/batch`, {
      headers: { 'content-type': 'text/plain' },
      data: JSON.stringify({ writeKey: collector.writeKey, batch: [event] }),
    });

  expect((await send()).status()).toBe(200);
  const rows = page.locator('.row', { hasText: name });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('track');
  await expect(rows.first()).toContainText('user-42');
  await expect(rows.first()).toContainText(event.messageId);

  await send();
  await expect(rows).toHaveCount(2);
  await expect(rows.first().locator('.badge-duplicate')).toBeVisible();
  await rows.first().locator('summary').click();
  await expect(rows.first().locator('pre')).toContainText(`"event": "${name}"`);
});

test('snippetPage renders the official snippet, pointed at tally on the site origin and the collector', async ({ page, collector }) => {
  const bundleRequest = page.waitForRequest(`${collector.siteUrl}/dist/tally.min.js`);
  await page.goto(await collector.servePage(collector.snippetPage({ page: false })));
  await bundleRequest;
  // Checks the served document, not window.analytics: a built bundle may already have replaced the stub.
  const stub = await page.evaluate(() => {
    const scripts = [...document.scripts].map((script) => script.src).filter(Boolean);
    return { scripts, html: document.documentElement.outerHTML };
  });
  expect(stub.scripts).toEqual([`${collector.siteUrl}/dist/tally.min.js`]);
  expect(stub.html).toContain(`analytics._writeKey = "${collector.writeKey}"`);
  expect(stub.html).toContain(`analytics.load("${collector.writeKey}", {"segment":{"apiHost":"${collector.apiUrl}/v1"}});`);
  expect(stub.html).toContain('analytics.SNIPPET_VERSION');
});

test('the viewer after a scripted visit: properties inline, pages by path, the rule, counts that follow the filter', async ({
  page,
  context,
  collector,
}, testInfo) => {
  const options = {
    ...collector.loadOptions,
    flushInterval: 100,
    customerio: { writeKey: collector.writeKey, apiHost: `${collector.apiUrl}/cdp/v1` },
    events: { 'Viewer Clicked': { on: 'click', selector: 'button.buy', properties: { plan: { attr: 'data-plan' } } } },
  };
  const url = await collector.servePage(
    collector.snippetPage({ options, body: '<button class="buy" data-plan="pro">Buy</button>' }),
    '/shop/pricing',
  );
  await page.goto(url);
  await page.click('button.buy');
  await page.evaluate(() => (window as any).analytics.identify('user-7', { email: 'ann@example.com' }));
  await collector.waitForEvents(6, { timeout: 10_000 });

  const viewer = await context.newPage();
  await viewer.setViewportSize({ width: 1400, height: 900 });
  await viewer.goto(`${collector.siteUrl}/viewer/`);
  await viewer.fill('.filter', collector.writeKey);
  const segment = viewer.locator('[data-destination="segment"]');
  const customerio = viewer.locator('[data-destination="customerio"]');
  await expect(segment.locator('.row-event:visible')).toHaveCount(3);
  const clicked = segment.locator('.row-event:visible', { hasText: 'Viewer Clicked' });
  await expect(clicked.locator('.data')).toContainText('plan: pro');
  await expect(clicked.locator('.badge')).toContainText(['rule: Viewer Clicked']);
  // The page row names the page by its path, never a URL cut to the host.
  await expect(
    segment
      .locator('.row-event:visible')
      .filter({ has: viewer.locator('.type-page') })
      .locator('.title'),
  ).toHaveText('/shop/pricing');
  await expect(segment.locator('.row-event:visible', { hasText: 'identify' }).locator('.data')).toContainText('email: ann@example.com');
  await expect(customerio.locator('.row-event:visible', { hasText: 'Viewer Clicked' }).locator('.data')).toContainText('plan: pro');
  // The counts are the rows the filter shows, per destination.
  await expect(segment.locator('.count')).toHaveText('3');
  await expect(customerio.locator('.count')).toHaveText('3');
  await viewer.fill('.filter', 'no such event anywhere');
  await expect(segment.locator('.count')).toHaveText('0');
  await viewer.fill('.filter', 'Viewer Clicked');
  await expect(segment.locator('.row-event:visible')).not.toHaveCount(0);
  const visible = await segment.locator('.row-event:visible').count();
  await expect(segment.locator('.count')).toHaveText(String(visible));
  await viewer.fill('.filter', collector.writeKey);
  await viewer.screenshot({ path: testInfo.outputPath('viewer.png'), fullPage: true });
});
