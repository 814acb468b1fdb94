// Tests of the collector itself, in each engine: real cross-origin requests from the site origin to the API origin.
import { expect, test, type Collector, type TestPage } from './fixtures';

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
async function postFromPage(page: TestPage, url: string, body: string, contentType: string) {
  return page.evaluate(
    async ({ url, body, contentType }) => {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body });
      return { status: response.status, body: await response.json(), retryAfter: response.headers.get('Retry-After') };
    },
    { url, body, contentType },
  );
}

async function openBlankPage(page: TestPage, collector: Collector) {
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
  await page.waitForFunction(() => document.querySelector('[data-connection]')?.getAttribute('data-connection') === 'live');
  const name = `Viewer Event ${collector.writeKey}`;
  const event = trackEvent(name, { userId: 'user-42' });
  const send = () =>
    request.post(`${collector.apiUrl}/v1/batch`, {
      headers: { 'content-type': 'text/plain' },
      data: JSON.stringify({ writeKey: collector.writeKey, batch: [event] }),
    });

  expect((await send()).status()).toBe(200);
  const rows = async () => (await page.texts('.row')).filter((text) => text.includes(name));
  await expect.poll(rows).toHaveLength(1);
  const [row] = await rows();
  expect(row).toContain('track');
  expect(row).toContain('user-42');
  expect(row).toContain(event.messageId);

  await send();
  await expect.poll(rows).toHaveLength(2);
  // The newest row comes first: it carries the duplicate badge. Mark it to address it by a selector.
  await page.evaluate((name) => {
    const newest = [...document.querySelectorAll('.row')].find((row) => row.textContent?.includes(name));
    newest?.setAttribute('data-e2e-row', '');
  }, name);
  expect(await page.isVisible('[data-e2e-row] .badge-duplicate')).toBe(true);
  await page.click('[data-e2e-row] summary');
  await expect.poll(() => page.text('[data-e2e-row] pre')).toContain(`"event": "${name}"`);
  expect(await page.isVisible('[data-e2e-row] pre')).toBe(true);
});

test('snippetPage renders the official snippet, pointed at tally on the site origin and the collector', async ({ page, collector }) => {
  await page.goto(await collector.servePage(collector.snippetPage({ page: false })));
  await page.waitForFunction(
    (src) => performance.getEntriesByType('resource').some((entry) => entry.name === src),
    `${collector.siteUrl}/dist/tally.min.js`,
  );
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
}) => {
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
  await viewer.goto(`${collector.siteUrl}/viewer/`);
  await viewer.fill('.filter', collector.writeKey);
  const segment = '[data-destination="segment"]';
  const customerio = '[data-destination="customerio"]';
  /** What the visible rows of a column show: their titles, data and badges. */
  const rows = (column: string) =>
    viewer.evaluate(
      (column) =>
        [...document.querySelectorAll(`${column} .row-event`)]
          .filter((row) => row.getClientRects().length > 0)
          .map((row) => ({
            text: row.textContent ?? '',
            page: row.querySelector('.type-page') !== null,
            title: row.querySelector('.title')?.textContent ?? '',
            data: row.querySelector('.data')?.textContent ?? '',
            badges: [...row.querySelectorAll('.badge')].map((badge) => badge.textContent),
          })),
      column,
    );
  await expect.poll(async () => (await rows(segment)).length).toBe(3);
  const shown = await rows(segment);
  const clicked = shown.find((row) => row.text.includes('Viewer Clicked'))!;
  expect(clicked.data).toContain('plan: pro');
  expect(clicked.badges).toContain('rule: Viewer Clicked');
  // The page row names the page by its path, never a URL cut to the host.
  expect(shown.filter((row) => row.page).map((row) => row.title)).toEqual(['/shop/pricing']);
  expect(shown.find((row) => row.text.includes('identify'))!.data).toContain('email: ann@example.com');
  await expect.poll(async () => (await rows(customerio)).find((row) => row.text.includes('Viewer Clicked'))?.data).toContain('plan: pro');
  // The counts are the rows the filter shows, per destination.
  expect(await viewer.text(`${segment} .count`)).toBe('3');
  await expect.poll(() => viewer.text(`${customerio} .count`)).toBe('3');
  await viewer.fill('.filter', 'no such event anywhere');
  await expect.poll(() => viewer.text(`${segment} .count`)).toBe('0');
  await viewer.fill('.filter', 'Viewer Clicked');
  await expect.poll(async () => (await rows(segment)).length).toBeGreaterThan(0);
  expect(await viewer.text(`${segment} .count`)).toBe(String((await rows(segment)).length));
});
