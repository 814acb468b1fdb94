// Customer.io end to end, in each engine: anonymous v1 events, the identify that merges them, v2 batches under the person,
// per-event routing, the EU host, and Customer.io failing while Segment keeps flowing (the edge, which keeps the key off
// the page, has its own spec: edge.spec.ts).
import { consoleTexts, expect, test, type Collector, type CollectorEvent } from './fixtures';

const API_KEY = 'e2e-key';
const EMAIL = 'ann+e2e@example.com';

/** The collector records Customer.io requests under the siteId: the test's writeKey keeps tests apart. */
function options(collector: Collector, customerio: object) {
  return {
    ...collector.loadOptions,
    flushInterval: 100,
    customerio: { siteId: collector.writeKey, apiKey: API_KEY, apiHost: collector.apiUrl, ...customerio },
  };
}
const cio = (collector: Collector, count: number) =>
  collector.waitForEvents(count, { filter: { destination: 'customerio' }, timeout: 10_000 });
const basic = (siteId: string) => `Basic ${Buffer.from(`${siteId}:${API_KEY}`).toString('base64')}`;
const summary = (event: CollectorEvent) => `${event.api} ${event.type} ${event.name ?? ''}`.trim();

/** Anonymous page + track, then identify, then track + page as the person. */
const FLOW = `<script>
  analytics.track('Viewed Pricing', { plan: 'pro' });
  setTimeout(() => {
    analytics.identify('user-1', { email: '${EMAIL}', name: 'Ann' });
    analytics.track('Started Checkout', { total: 42 });
    analytics.page();
  }, 400);
</script>`;

for (const identifyBy of ['email', 'id'] as const) {
  test(`identifyBy '${identifyBy}': anonymous v1 events, an identify carrying the anonymous_id, then v2 events under the person`, async ({
    page,
    collector,
  }) => {
    await page.goto(await collector.servePage(collector.snippetPage({ options: options(collector, { identifyBy }), body: FLOW })));
    const events = await cio(collector, 5);
    const anonymousId = await page.evaluate(() => (window as any).analytics.user().anonymousId());
    const person = identifyBy === 'email' ? { email: EMAIL } : { id: 'user-1' };

    expect(events.map(summary)).toEqual([
      `v1 page ${await page.url()}`,
      'v1 event Viewed Pricing',
      'v2 identify',
      'v2 event Started Checkout',
      `v2 page ${await page.url()}`,
    ]);
    for (const event of events.slice(0, 2)) expect(event).toMatchObject({ anonymous_id: anonymousId, problems: [] });
    expect(events[2]).toMatchObject({
      identifiers: person,
      attributes: { email: EMAIL, name: 'Ann', anonymous_id: anonymousId },
      problems: [],
    });
    for (const event of events.slice(3)) expect(event).toMatchObject({ identifiers: person, problems: [] });
    expect(events[3].attributes).toEqual({ total: 42 });
    // Seconds, and the event's messageId as the dedupe id.
    for (const event of events) expect(Math.abs(event.timestamp - Date.now() / 1000)).toBeLessThan(120);
    const segment = await collector.waitForEvents(5, { filter: { destination: 'segment' } });
    expect(events[1].id).toBe(segment.find((event) => event.event === 'Viewed Pricing')!.messageId);

    const requests = (await collector.requests({ destination: 'customerio' })).filter((request) => request.method === 'POST');
    expect(requests.map((request) => request.path)).toEqual(['/api/v1/events', '/api/v1/events', '/api/v2/batch']);
    for (const request of requests) expect([request.status, request.headers.authorization]).toEqual([200, basic(collector.writeKey)]);
  });
}

test("an event with integrations { 'Customer.io': false } reaches only Segment", async ({ page, collector }) => {
  const body = `<script>
    analytics.track('Secret', {}, { integrations: { 'Customer.io': false } });
    analytics.track('Public');
    analytics.track('Segment only too', {}, { integrations: { All: false, 'Segment.io': true } });
  </script>`;
  await page.goto(await collector.servePage(collector.snippetPage({ options: options(collector, {}), body })));
  await collector.waitForEvents(4, { filter: { destination: 'segment' } });
  const events = await cio(collector, 2);
  await page.evaluate(() => (window as any).analytics.flush());
  expect((await collector.events({ destination: 'customerio' })).map(summary)).toEqual([`v1 page ${await page.url()}`, 'v1 event Public']);
  expect(events.map((event) => event.name)).not.toContain('Secret');
});

test('region eu without apiHost calls track-eu.customer.io, with Basic auth, and warns about the key in the page', async ({
  page,
  context,
  collector,
}) => {
  // No internet here: the page's fetch sends Customer.io's EU host to the collector instead, noting what tally asked for
  // (in-page, so it works in every engine: WebKit's WebDriver cannot intercept requests).
  await context.addInitScript((apiUrl) => {
    const realFetch = window.fetch.bind(window);
    const seen: string[] = [];
    (window as any).seenRequests = seen;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new Request(input).url;
      seen.push(`${init?.method ?? 'GET'} ${url}`);
      return realFetch(url.replace('https://track-eu.customer.io', apiUrl), init);
    };
  }, collector.apiUrl);
  const opts = options(collector, { region: 'eu' }) as any;
  delete opts.customerio.apiHost;
  await page.goto(await collector.servePage(collector.snippetPage({ options: opts })));
  const [event] = await cio(collector, 1);
  expect(event).toMatchObject({ api: 'v1', type: 'page', problems: [] });
  const seen: string[] = await page.evaluate(() => (window as any).seenRequests);
  expect(seen.filter((line) => line.includes('customer.io'))).toEqual(['POST https://track-eu.customer.io/api/v1/events']);
  const [request] = (await collector.requests({ destination: 'customerio' })).filter((request) => request.method === 'POST');
  expect(request.headers.authorization).toBe(basic(collector.writeKey));
  expect((await consoleTexts(page, 'warning')).filter((text) => text.includes('customerio.apiKey'))).toHaveLength(1);
});

test('Customer.io failing (500) does not hold Segment back, and its events arrive once it recovers', async ({ page, collector }) => {
  await collector.fault({ destination: 'customerio', status: 500, count: 3 });
  const body = `<script>analytics.track('One'); analytics.track('Two');</script>`;
  await page.goto(await collector.servePage(collector.snippetPage({ options: options(collector, {}), body })));
  const segment = await collector.waitForEvents(3, { filter: { destination: 'segment' } });
  expect(segment.map((event) => event.event ?? event.type)).toEqual(['page', 'One', 'Two']);
  // Segment's events may arrive before Customer.io's first (failing) request is answered: wait for that answer.
  const failures = async () => (await collector.requests({ destination: 'customerio' })).filter((request) => request.fault).length;
  await expect.poll(failures, { timeout: 8000 }).toBeGreaterThan(0);
  const events = await cio(collector, 3);
  expect(events.map(summary).sort()).toEqual([`v1 page ${await page.url()}`, 'v1 event One', 'v1 event Two'].sort());
  expect(events.filter((event) => event.duplicate)).toEqual([]);
});

test('a 207 partial failure drops only the refused item and reports it', async ({ page, collector }) => {
  const body = `<script>
    analytics.identify('user-1', { email: '${EMAIL}' });
    analytics.track('Good');
    analytics.track('Refused', { collector_reject: true });
    analytics.track('Also good');
    analytics.on('error', (error) => (window.errors = (window.errors || []).concat(error.reason.message)));
  </script>`;
  await page.goto(await collector.servePage(collector.snippetPage({ options: options(collector, {}), body })));
  await cio(collector, 4);
  await page.evaluate(() => (window as any).analytics.flush());
  const names = (await collector.events({ destination: 'customerio' })).map(summary);
  expect(names).toEqual(expect.arrayContaining(['v2 event Good', 'v2 event Also good']));
  expect(names).not.toContain('v2 event Refused');
  const requests = await collector.requests({ destination: 'customerio' });
  expect(requests.some((request) => request.status === 207)).toBe(true);
  await expect.poll(() => page.evaluate(() => (window as any).errors ?? [])).toEqual([expect.stringContaining('marked_reject')]);
  const dropped = (await page.evaluate(() => (window as any).analytics.stats()))['Customer.io'].dropped;
  expect(Object.values(dropped)).toEqual([1]);
});

test('Pipelines mode: Segment-format batches with the writeKey in the body, next to Segment', async ({ page, collector }) => {
  const pipelines = {
    ...collector.loadOptions,
    flushInterval: 100,
    customerio: { writeKey: collector.writeKey, apiHost: `${collector.apiUrl}/cdp/v1` },
  };
  const body = `<script>analytics.identify('user-1', { email: '${EMAIL}' }); analytics.track('Clicked');</script>`;
  await page.goto(await collector.servePage(collector.snippetPage({ options: pipelines, body })));
  const events = await cio(collector, 3);
  expect(events.map((event) => event.event ?? event.type)).toEqual(['page', 'identify', 'Clicked']);
  for (const event of events) expect(event.problems).toEqual([]);
  const segment = await collector.waitForEvents(3, { filter: { destination: 'segment' } });
  expect(events.map((event) => event.messageId)).toEqual(segment.map((event) => event.messageId));
  const requests = (await collector.requests({ destination: 'customerio' })).filter((request) => request.method !== 'OPTIONS');
  expect(requests.map((request) => request.path)).toEqual(['/cdp/v1/batch']);
});

test('a secret key in the page: one console error naming the field and what to use, Customer.io off, Segment on', async ({
  page,
  collector,
}) => {
  const secret = { ...collector.loadOptions, flushInterval: 100, customerio: { siteId: collector.writeKey, apiKey: 'sk_live_e2e' } };
  await page.goto(await collector.servePage(collector.snippetPage({ options: secret })));
  await collector.waitForEvents(1, { filter: { destination: 'segment', type: 'page' } });
  const keyErrors = (await consoleTexts(page, 'error')).filter((text) => text.includes('customerio.apiKey'));
  expect(keyErrors).toHaveLength(1);
  expect(keyErrors[0]).toContain('is a secret key (sk_…)');
  expect(keyErrors[0]).toContain('Put a public pk_ key or a Pipelines key in writeKey');
  expect(await collector.requests({ destination: 'customerio' })).toEqual([]);
});
