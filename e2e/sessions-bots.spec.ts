// Sessions and bots (issue 23), in each engine against the built bundle: one session shared by two tabs and renewed after a
// (shortened) timeout; analytics.js's session kept across a switch, in its own format; a Googlebot sends nothing, stores
// nothing, and the edge answers a crawler's batch without forwarding it.
import { expect, test, type Collector, type CollectorEvent, type TestPage } from './fixtures';

const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';

/** A page sending each event at once, with these `session` options. */
const sessionPage = (collector: Collector, session?: object) =>
  collector.servePage(collector.snippetPage({ options: { ...collector.loadOptions, flushAt: 1, session }, page: false }));

/** Tracks `name` in the page and waits until it is delivered. */
const trackFlushed = (page: TestPage, name: string) =>
  page.evaluate(async (name) => {
    await (window as any).analytics.track(name);
    await (window as any).analytics.flush();
  }, name);

/** The delivered event named `name`. */
const delivered = async (collector: Collector, name: string): Promise<CollectorEvent> =>
  (await collector.waitForEvents(1, { filter: { event: name } }))[0];

test('one session for two tabs, stamped for Amplitude and in context', async ({ context, page, collector }) => {
  const url = await sessionPage(collector);
  await page.goto(url);
  await trackFlushed(page, 'Tab A');
  const other = await context.newPage();
  await other.goto(url);
  await trackFlushed(other, 'Tab B');
  const [a, b] = [await delivered(collector, 'Tab A'), await delivered(collector, 'Tab B')];
  expect(a.context).toMatchObject({ sessionId: expect.any(Number), sessionStart: true });
  expect(a.integrations['Actions Amplitude']).toEqual({ session_id: a.context.sessionId });
  expect(b.context.sessionId).toBe(a.context.sessionId);
  expect(b.context.sessionStart).toBeUndefined();
  expect(b.integrations['Actions Amplitude']).toEqual({ session_id: a.context.sessionId });
});

test("keeps analytics.js's session from its keys, in its format; renews it after the timeout", async ({ context, page, collector }) => {
  const started = Date.now() - 5 * 60_000;
  // What analytics.js's Amplitude (Actions) session plugin left: the start and the last access, in ms, as decimal text.
  await context.addInitScript((started: number) => {
    if (localStorage.getItem('analytics_session_id')) return;
    localStorage.setItem('analytics_session_id', String(started));
    localStorage.setItem('analytics_session_id.last_access', String(started + 60_000));
  }, started);
  await page.goto(await sessionPage(collector));
  await trackFlushed(page, 'Switched');
  const event = await delivered(collector, 'Switched');
  expect(event.context.sessionId).toBe(started);
  expect(event.context.sessionStart).toBeUndefined();
  expect(event.integrations['Actions Amplitude']).toEqual({ session_id: started });
  const kept = await page.evaluate(() => [
    localStorage.getItem('analytics_session_id'),
    localStorage.getItem('analytics_session_id.last_access'),
  ]);
  expect(kept[0]).toBe(String(started));
  expect(Number(kept[1])).toBeGreaterThanOrEqual(Date.parse(event.timestamp));

  // A page with a 1.2 s timeout: its second event, after the timeout without any event, starts a new session.
  await page.goto(await sessionPage(collector, { timeoutMinutes: 0.02 }));
  await trackFlushed(page, 'Before Timeout');
  const before = await delivered(collector, 'Before Timeout');
  // The timeout under test has to pass (nothing to wait on instead): 1.2 s without an event.
  await page.waitForTimeout(1500);
  await trackFlushed(page, 'After Timeout');
  const after = await delivered(collector, 'After Timeout');
  expect(after.context.sessionId).toBeGreaterThan(before.context.sessionId);
  expect(after.context.sessionId).toBeGreaterThanOrEqual(Date.parse(before.timestamp) + 1200);
  expect(after.context.sessionStart).toBe(true);
});

test('a Googlebot sends nothing and stores nothing; the edge answers its batch 200 without forwarding it', async ({
  context,
  page,
  collector,
}) => {
  // The SDK reads navigator.userAgent: overridden before any script, in every engine.
  await context.addInitScript((userAgent: string) => {
    Object.defineProperty(Navigator.prototype, 'userAgent', { get: () => userAgent, configurable: true });
  }, GOOGLEBOT);
  await page.goto(
    await collector.servePage(
      collector.snippetPage({ options: { ...collector.loadOptions, flushAt: 1 }, body: `<script>analytics.track('Crawled');</script>` }),
    ),
  );
  const result = await page.evaluate(async () => {
    const analytics = (window as any).analytics;
    const context = await analytics.track('Crawled Again');
    await analytics.flush();
    return { stopped: context.stopped, stats: analytics.stats()['Segment.io'], cookies: document.cookie, keys: Object.keys(localStorage) };
  });
  expect(result.stopped).toBe('bots: bot');
  // The snippet's page() and both tracks.
  expect(result.stats.dropped).toMatchObject({ bot: 3 });
  expect(result.stats.sent).toBe(0);
  expect({ cookies: result.cookies, keys: result.keys }).toEqual({ cookies: '', keys: [] });

  // The edge: a crawler's batch is answered 200 and dropped; a browser's, sent next, is the only one to arrive.
  const post = (userAgent: string, event: string) =>
    fetch(`${collector.siteUrl}/t/s/batch`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
      body: JSON.stringify({
        writeKey: collector.writeKey,
        batch: [{ type: 'track', event, anonymousId: 'a', messageId: `${collector.writeKey}-${event}` }],
      }),
    });
  expect((await post(GOOGLEBOT, 'From Crawler')).status).toBe(200);
  expect((await post(FIREFOX, 'From Browser')).status).toBe(200);
  await collector.waitForEvents(1, { filter: { event: 'From Browser' } });
  expect((await collector.events()).map((event) => event.event)).toEqual(['From Browser']);
});
