// Tests of the collector itself, in each engine: real cross-origin requests from the site origin to the API origin.
import { viewerRows } from './viewer-rows';
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

test('the viewer after a scripted visit: properties inline, pages by path, the rule, delivery per destination, counts that follow the filter', async ({
  page,
  context,
  collector,
}) => {
  const options = {
    ...collector.loadOptions,
    flushInterval: 100,
    // The Track API straight at the collector (its key is warned about: fine for a local test).
    customerio: { siteId: collector.writeKey, apiKey: 'viewer-key', apiHost: collector.apiUrl, identifyBy: 'idOrEmail' },
    events: { 'Viewer Clicked': { on: 'click', selector: 'button.buy', properties: { plan: { attr: 'data-plan' } } } },
  };
  // Customer.io's first request with the click fails on the network; the SDK's retry lands.
  await collector.fault({ destination: 'customerio', reset: true, matchEvent: { name: 'Viewer Clicked' } });
  const url = await collector.servePage(
    collector.snippetPage({ options, body: '<button class="buy" data-plan="pro">Buy</button>' }),
    '/shop/pricing',
  );
  await page.goto(url);
  await page.click('button.buy');
  await page.evaluate(() => (window as any).analytics.identify('user-7', { email: 'ann@example.com' }));
  await collector.waitForEvents(6, { timeout: 15_000 });

  const viewer = await context.newPage();
  await viewer.goto(`${collector.siteUrl}/viewer/`);
  await viewer.fill('.filter', collector.writeKey);
  const segment = '[data-destination="segment"]';
  const customerio = '[data-destination="customerio"]';
  const rows = (column: string, kind = 'row-event') => viewerRows(viewer, column, kind);
  const row = async (column: string, text: string) => (await rows(column)).find((candidate) => candidate.text.includes(text));
  await expect.poll(async () => (await rows(segment)).length).toBe(3);
  await expect.poll(async () => (await rows(customerio)).length).toBe(3);
  const clicked = (await row(segment, 'Viewer Clicked'))!;
  expect(clicked.data).toContain('plan: pro');
  expect(clicked.rule).toBe('rule: Viewer Clicked');
  await expect.poll(async () => (await row(segment, 'Viewer Clicked'))?.delivery).toBe('delivered');
  // The page row names the page by its path, never a URL cut to the host: Segment's and Customer.io's (named by its URL).
  for (const column of [segment, customerio]) {
    const pages = (await rows(column)).filter((candidate) => candidate.page);
    expect(pages.map((candidate) => candidate.title)).toEqual(['/shop/pricing']);
    await expect.poll(async () => (await rows(column)).find((candidate) => candidate.page)?.delivery).toBe('delivered');
  }
  expect((await row(segment, 'identify'))!.data).toContain('email: ann@example.com');
  // Customer.io: the click's row says its first attempt failed and the second delivered it; the failed request is its own row.
  expect((await rows(customerio)).filter((candidate) => candidate.text.includes('Viewer Clicked'))).toHaveLength(1);
  expect((await row(customerio, 'Viewer Clicked'))!.data).toContain('plan: pro');
  await expect.poll(async () => (await row(customerio, 'Viewer Clicked'))?.delivery).toBe('delivered after 2 attempts');
  const failed = (await rows(customerio, 'row-request')).filter((candidate) => candidate.text.includes('no answer'));
  expect(failed.filter((candidate) => candidate.errors.some((text) => text?.includes('reset')))).toHaveLength(1);
  const cioIdentify = (await row(customerio, 'identify'))!;
  expect(cioIdentify.data).toContain('email: ann@example.com');
  expect(cioIdentify.delivery).toBe('delivered');
  // The counts are the event rows the filter shows, per destination.
  expect(await viewer.text(`${segment} .count`)).toBe('3');
  await expect.poll(() => viewer.text(`${customerio} .count`)).toBe('3');
  await viewer.fill('.filter', 'no such event anywhere');
  await expect.poll(() => viewer.text(`${segment} .count`)).toBe('0');
  await viewer.fill('.filter', 'Viewer Clicked');
  await expect.poll(async () => (await rows(segment)).length).toBeGreaterThan(0);
  expect(await viewer.text(`${segment} .count`)).toBe(String((await rows(segment)).length));
});

test('a Customer.io event that fails on the network: the viewer shows each failed attempt, then that the SDK gave up', async ({
  page: testPage,
  context,
  collector,
}) => {
  test.skip(
    !testPage.playwright,
    "needs a fake clock for 10 backoffs (Playwright's page.clock); WebKit runs through WebDriver, which has none",
  );
  test.skip(
    testPage.engine === 'firefox',
    "the fake clock jumps 70 s while Firefox's network and IndexedDB answer in real time: tally's timeouts (15 s request, 3 s storage) fire first, and the attempts stop following the clock",
  );
  const page = testPage.playwright!;
  const name = `Lost ${collector.writeKey}`;
  await collector.fault({ destination: 'customerio', reset: true, count: 10, matchEvent: { name } });
  // The SDK's backoff (0.5 s doubling to 60 s, ten attempts) runs on the page's clock, which the test moves on.
  await page.clock.install();
  const options = { ...collector.loadOptions, customerio: { siteId: collector.writeKey, apiKey: 'lost-key', apiHost: collector.apiUrl } };
  await page.goto(await collector.servePage(collector.snippetPage({ options, page: false })));
  // From here the page's time moves only when the test moves it.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 2_000);
  await page.evaluate((event) => (window as any).analytics.track(event, { plan: 'pro' }), name);

  const viewer = await context.newPage();
  await viewer.goto(`${collector.siteUrl}/viewer/`);
  await viewer.fill('.filter', name);
  /** The visible Customer.io rows: their delivery badge, its state, and their data. */
  const shown = () =>
    viewer.evaluate(() =>
      [...document.querySelectorAll('[data-destination="customerio"] .row-event')]
        .filter((row) => row.getClientRects().length > 0)
        .map((row) => ({
          delivery: row.querySelector('.badge-delivery')?.textContent,
          state: row.querySelector('.badge-delivery')?.getAttribute('data-state'),
          data: row.querySelector('.data')?.textContent ?? '',
        })),
    );
  const failedRequests = async () => (await collector.requests({ destination: 'customerio' })).filter((request) => request.reset).length;
  // The first sends, within the 5 s flush interval and the first backoffs: each answer is the network's, and the row says so.
  await page.clock.runFor(5_100);
  await expect.poll(failedRequests, { timeout: 10_000 }).toBeGreaterThan(0);
  const tried = await failedRequests();
  expect(tried).toBeLessThan(10);
  await expect
    .poll(async () => (await shown())[0])
    .toMatchObject({ delivery: `attempt ${tried} failed (no answer): the SDK retries`, state: 'retrying' });
  // Then every backoff passes, until the tenth attempt has failed too. (The longest backoff is 60 s + 10 % jitter.)
  for (let before = await failedRequests(); before < 10; before = await failedRequests()) {
    await page.clock.runFor(70_000);
    await expect.poll(failedRequests, { timeout: 20_000 }).toBeGreaterThan(before);
  }
  await expect.poll(shown).toEqual([
    {
      delivery: 'the SDK gave up after 10 failed attempts (last: no answer)',
      state: 'gave up',
      data: expect.stringContaining('plan: pro'),
    },
  ]);
  // The SDK agrees: it dropped the event, and Segment delivered it.
  await page.clock.runFor(70_000);
  const stats = await page.evaluate(() => (window as any).analytics.stats());
  expect(stats['Customer.io'].dropped).toEqual({ 'gave up after 10 attempts (last answer: network error)': 1 });
  expect(stats['Segment.io'].sent).toBe(1);
  expect(await failedRequests()).toBe(10);
});
