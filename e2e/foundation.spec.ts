// Issue 2 end to end: page context per call, identity across reloads, adoption of analytics.js ids, batching, navigation.
import { consoleTexts, expect, test } from './fixtures';

const fast = (collector: { loadOptions: object }, extra: object = {}) => ({ ...collector.loadOptions, flushInterval: 200, ...extra });

test('a call buffered before load keeps the page it was made on', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: fast(collector),
      page: false,
      head: '<link rel="canonical" href="https://shop.example/first">',
      body: `<script>
        document.title = 'First';
        analytics.track('On First', { n: 1 });
        history.pushState({}, '', '/moved/second?utm_campaign=spring&utm_source=news');
        document.title = 'Second';
        document.querySelector('link[rel=canonical]').remove();
        analytics.track('On Second', { n: 2 });
      </script>`,
    }),
  );
  await page.goto(url);
  const [first, second] = await collector.waitForEvents(2);
  expect(first.event).toBe('On First');
  expect(first.context.page).toMatchObject({ path: '/first', url: 'https://shop.example/first', title: 'First', search: '' });
  expect(second.event).toBe('On Second');
  expect(second.context.page).toMatchObject({ path: '/moved/second', title: 'Second', search: '?utm_campaign=spring&utm_source=news' });
  expect(second.context.page.url).toBe(`${collector.siteUrl}/moved/second?utm_campaign=spring&utm_source=news`);
  expect(second.context.campaign).toEqual({ name: 'spring', source: 'news' });
});

test('every event carries the fields Segment expects', async ({ page, collector }) => {
  await page.goto(await collector.servePage(collector.snippetPage({ options: fast(collector) })));
  await page.evaluate(() => (window as any).analytics.track('Checked', { price: 9.5 }, { context: { ip: '0.0.0.0' } }));
  const events = await collector.waitForEvents(2);
  const tracked = events.find((event) => event.type === 'track')!;
  expect(tracked.messageId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  expect(tracked.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(tracked.anonymousId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(tracked.properties).toEqual({ price: 9.5 });
  expect(tracked.context).toMatchObject({
    library: { name: 'tally' },
    ip: '0.0.0.0',
    locale: expect.any(String),
    timezone: expect.any(String),
    userAgent: expect.any(String),
  });
  expect(tracked.context.screen).toEqual({ width: expect.any(Number), height: expect.any(Number), density: expect.any(Number) });
  const [request] = (await collector.requests({ method: 'POST' })).filter((r) => r.events.some((e) => e.type === 'track'));
  expect(request.headers['content-type']).toBe('text/plain');
  expect(request.headers.authorization).toBeUndefined();
  expect(Object.keys(request.body as object).sort()).toEqual(['batch', 'sentAt', 'writeKey']);
});

test('a reload keeps the anonymousId, and identify() keeps the userId across it', async ({ page, collector }) => {
  await page.goto(await collector.servePage(collector.snippetPage({ options: fast(collector) })));
  await page.evaluate(() => (window as any).analytics.identify('user-42', { plan: 'pro' }));
  await collector.waitForEvents(2);
  await page.reload();
  await page.evaluate(() => (window as any).analytics.track('After Reload'));
  const events = await collector.waitForEvents(4);
  const anonymousIds = new Set(events.map((event) => event.anonymousId));
  expect(anonymousIds.size).toBe(1);
  const after = events.find((event) => event.event === 'After Reload')!;
  expect(after.userId).toBe('user-42');
  const stored = await page.evaluate(() => ({ cookie: document.cookie, traits: localStorage.getItem('ajs_user_traits') }));
  expect(stored.cookie).toContain('ajs_user_id=user-42');
  expect(JSON.parse(stored.traits!)).toEqual({ plan: 'pro' });
});

test('an existing analytics.js visitor keeps their ajs_anonymous_id', async ({ page, context, collector }) => {
  const url = await collector.servePage(collector.snippetPage({ options: fast(collector) }));
  // analytics.js (classic) wrote JSON-quoted ids into the cookie; analytics-next writes them raw.
  await context.addCookies([{ name: 'ajs_anonymous_id', value: '%22legacy-anon-1%22', url }]);
  await page.goto(url);
  const [event] = await collector.waitForEvents(1);
  expect(event.anonymousId).toBe('legacy-anon-1');
  expect(await page.evaluate(() => localStorage.getItem('ajs_anonymous_id'))).toBe('"legacy-anon-1"');
});

test('100 tracks arrive in at most 6 requests, without a preflight', async ({ page, collector }) => {
  await page.goto(await collector.servePage(collector.snippetPage({ options: fast(collector), page: false })));
  await page.evaluate(() => {
    for (let i = 0; i < 100; i++) (window as any).analytics.track('Bulk', { i });
  });
  const events = await collector.waitForEvents(100);
  expect(events.map((event) => event.properties.i)).toEqual([...Array(100).keys()]);
  const requests = await collector.requests();
  expect(requests.filter((request) => request.method === 'OPTIONS')).toHaveLength(0);
  expect(requests.length).toBeLessThanOrEqual(6);
});

test('20 tracks followed at once by a navigation still arrive', async ({ page, collector }) => {
  const next = await collector.servePage('<!doctype html><title>next</title><p>next page</p>');
  await page.goto(await collector.servePage(collector.snippetPage({ options: { ...collector.loadOptions }, page: false })));
  await page.evaluate((next) => {
    for (let i = 0; i < 20; i++) (window as any).analytics.track('Before Leaving', { i });
    location.href = next;
  }, next);
  await page.waitForURL(next);
  const events = await collector.waitForEvents(20, { timeout: 5000 });
  expect(new Set(events.map((event) => event.properties.i)).size).toBe(20);
});

test('without the snippet, analytics.load() on the bundle works, and a second bundle is harmless', async ({ page, collector }) => {
  const html = `<!doctype html><title>no snippet</title>
    <script src="/dist/tally.min.js"></script>
    <script>
      analytics.track('Early');
      analytics.load(${JSON.stringify(collector.writeKey)}, ${JSON.stringify(fast(collector))});
      analytics.track('Late');
    </script>
    <script src="/dist/tally.min.js"></script>
    <script>analytics.track('After Second Bundle');</script>`;
  await page.goto(await collector.servePage(html));
  const events = await collector.waitForEvents(3);
  expect(events.map((event) => event.event)).toEqual(['Early', 'Late', 'After Second Bundle']);
});

test('the ESM build: load() returns the same API, also as window.analytics for plain-JS code', async ({ page, collector }) => {
  const html = `<!doctype html><title>esm</title><script type="module">
    import { load } from '/dist/tally.mjs';
    const analytics = await load(${JSON.stringify(collector.writeKey)}, ${JSON.stringify(fast(collector))});
    const again = await load(${JSON.stringify(collector.writeKey)});
    window.same = analytics === again;
    window.global = window.analytics === analytics;
    const context = await analytics.track('From ESM', { ok: true });
    window.returned = context.event.event;
  </script>`;
  await page.goto(await collector.servePage(html));
  await collector.waitForEvents(1);
  await page.evaluate(() => (window as any).analytics.track('From Plain JS'));
  const events = await collector.waitForEvents(2);
  expect(events.map((event) => event.event)).toEqual(['From ESM', 'From Plain JS']);
  expect(events[0]).toMatchObject({ properties: { ok: true } });
  expect(await page.evaluate(() => [(window as any).same, (window as any).global, (window as any).returned])).toEqual([
    true,
    true,
    'From ESM',
  ]);
});

test('a bad option and a bad call get one console error each, naming them; the rest works', async ({ page, collector }) => {
  await page.goto(await collector.servePage(collector.snippetPage({ options: fast(collector, { flushAt: 'lots' }), page: false })));
  await page.evaluate(() => {
    const analytics = (window as any).analytics;
    analytics.track();
    analytics.track();
    analytics.track('Still Works');
  });
  const [event] = await collector.waitForEvents(1);
  expect(event.event).toBe('Still Works');
  const errors = await consoleTexts(page, 'error');
  expect(errors.filter((text) => text.includes('flushAt'))).toHaveLength(1);
  expect(errors.filter((text) => text.includes('track(event)'))).toHaveLength(1);
  expect(await consoleTexts(page, 'pageerror')).toEqual([]);
});
