// Page Left (issue 23, `pageLeave: true`): exactly one per page view for an SPA route change, a link click, a tab close,
// a back/forward round trip and (Chromium's fetchLater) a tab that crashes without any unload event, with engagedMs within 10 % of the visible time the page itself measured (performance.now()
// at the route change or pagehide) and the deepest scroll reached; and cross-domain identity: a link to another origin
// (127.0.0.1 → localhost) carries the anonymousId, which the other origin adopts, and takes out of its address bar (a
// stale link is left to the unit tests: test/identity/cross-domain*.test.ts).
import { expect, test, type Collector, type CollectorEvent, type TestPage } from './fixtures';
import { ready, tallyPage } from './durable-helpers';

/**
 * A tall page (4000 px) with a link fixed at the top, so clicking it scrolls nothing. The page keeps its own measure of
 * the time it was shown and focused (engagedNow(), from the navigation's start), written to session storage at pagehide
 * (`leftEngaged`) and noted at a back/forward-cache restore (`restoredEngaged`): a WebKit tab opened by the driver stays
 * in the background (hidden), and a Firefox window loses focus to a second tab.
 */
const tallBody = (href: string) =>
  `<a id="away" href="${href}" style="position:fixed;top:0;left:0">away</a><div style="height:4000px"></div>
<script>
  let total = 0, since;
  const engaged = () => document.visibilityState === 'visible' && document.hasFocus();
  const update = () => {
    if (since !== undefined) total += performance.now() - since;
    since = engaged() ? performance.now() : undefined;
  };
  if (engaged()) since = 0;
  window.engagedNow = () => total + (since === undefined ? 0 : performance.now() - since);
  document.addEventListener('visibilitychange', update);
  addEventListener('focus', update);
  addEventListener('blur', () => setTimeout(update));
  addEventListener('scroll', () => { window.scrolled = (window.scrolled || 0) + 1; });
  addEventListener('pagehide', () => sessionStorage.setItem('leftEngaged', String(engagedNow())));
  addEventListener('pageshow', (event) => { if (event.persisted) window.restoredEngaged = engagedNow(); });
</script>`;

/** The page's own engaged time now. */
const engagedNow = (page: TestPage) => page.evaluate(() => (window as any).engagedNow() as number);
/** The page's engaged time at its last pagehide (read on the page after it, same tab and origin). */
const leftEngaged = async (page: TestPage) => Number(await page.evaluate(() => sessionStorage.getItem('leftEngaged')));

/** Waits for the pageleave piece to have started (it registers, then the core starts it in a microtask). */
async function pieceReady(page: TestPage, name = 'pageleave'): Promise<void> {
  await page.waitForFunction((piece) => !!(window as any).__tallyPieces?.[piece], name);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
}

/** Scrolls to `y` and waits for the scroll event the piece reads; returns the scroll depth the page then shows (percent). */
async function scrollTo(page: TestPage, y: number): Promise<number> {
  const before = await page.evaluate((top) => {
    const count = (window as any).scrolled ?? 0;
    window.scrollTo(0, top);
    return count;
  }, y);
  await page.waitForFunction((count) => ((window as any).scrolled ?? 0) > count, before);
  return page.evaluate(() => Math.round(Math.min(100, ((scrollY + innerHeight) / document.documentElement.scrollHeight) * 100)));
}

/** Waits until the page has been shown `ms` past `since` (its own performance.now()). */
async function stayVisible(page: TestPage, since: number, ms: number): Promise<void> {
  await page.waitForFunction(([from, wait]) => performance.now() >= from + wait, [since, ms] as const, { timeout: ms + 5000 });
}

/** The Page Left events received, and how many accepted copies of each messageId the raw request log holds. */
async function pageLefts(collector: Collector, count: number): Promise<{ events: CollectorEvent[]; copies: number[] }> {
  const events = (await collector.waitForEvents(count, { filter: { event: 'Page Left' }, timeout: 10_000 })).filter(
    (event) => !event.duplicate,
  );
  const requests = await collector.requests({ method: 'POST' });
  const carried = requests.flatMap((request) => request.events).filter((event) => event.event === 'Page Left');
  return { events, copies: events.map((event) => carried.filter((copy) => copy.messageId === event.messageId).length) };
}

/** engagedMs within 10 % of the engaged time the page measured (and 50 ms, for a tab that stayed in the background). */
function expectEngaged(event: CollectorEvent, engagedMs: number): void {
  const slack = Math.max(engagedMs * 0.1, 50);
  expect(event.properties.engagedMs).toBeGreaterThanOrEqual(engagedMs - slack);
  expect(event.properties.engagedMs).toBeLessThanOrEqual(engagedMs + slack);
}

test('an SPA route change, then a link click: one Page Left per view, engaged time and scroll depth right', async ({ page, collector }) => {
  const key = collector.writeKey;
  const away = await collector.servePage('<!doctype html><title>away</title><p>away</p>', `/pl-away/${key}`);
  const url = await tallyPage(collector, { pageLeave: true }, tallBody(away), { path: `/pl/${key}` });
  await page.goto(url);
  await ready(page);
  await pieceReady(page);
  const firstDepth = await scrollTo(page, 1000);
  await stayVisible(page, 0, 1200);
  // Read in the task of the route change: a second round trip to the page would add its own time.
  const [routeAt, engagedAtRoute] = await page.evaluate(() => {
    const at = [performance.now(), (window as any).engagedNow() as number];
    history.pushState(null, '', location.pathname + '/second');
    return at;
  });
  const [first] = (await pageLefts(collector, 1)).events;
  expect(first.properties).toMatchObject({ path: `/pl/${key}`, url, maxScrollPercent: firstDepth, title: 'tally e2e' });
  expectEngaged(first, engagedAtRoute);

  expect(await scrollTo(page, 4000)).toBe(100);
  await stayVisible(page, routeAt, 800);
  await page.click('#away');
  await page.waitForURL(away);
  const { events, copies } = await pageLefts(collector, 2);
  const second = events.find((event) => event.messageId !== first.messageId)!;
  expect(second.properties).toMatchObject({ path: `/pl/${key}/second`, url: `${url}/second`, maxScrollPercent: 100 });
  expectEngaged(second, (await leftEngaged(page)) - engagedAtRoute);
  expect(events).toHaveLength(2);
  expect(copies).toEqual([1, 1]);
});

test('a tab close, and a back/forward round trip: one Page Left per view', async ({ page, context, collector }) => {
  const key = collector.writeKey;
  const away = await collector.servePage('<!doctype html><title>away</title><p>away</p>', `/pl-away/${key}`, { cacheControl: 'no-cache' });
  const url = await tallyPage(collector, { pageLeave: true }, tallBody(away), { path: `/pl/${key}`, cacheControl: 'no-cache' });
  // A tab closed 1 s after it opened (WebKit's driver keeps a second tab in the background: hidden, it engages 0 ms).
  const tab = await context.newPage();
  await tab.goto(url);
  await ready(tab);
  await pieceReady(tab);
  await stayVisible(tab, 0, 1000);
  const before = Date.now();
  const engagedAtClose = await engagedNow(tab);
  await tab.close();
  const closing = Date.now() - before;
  // The site's next page view (the round trip's first): it also sends what a tab torn down as its request started left
  // in storage (Firefox may end a closing tab that fast).
  await page.goto(url);
  await ready(page);
  await pieceReady(page);
  if (page.engine === 'firefox') {
    // Firefox ESR, closing a tab for Playwright over WebDriver BiDi, sometimes ends it before any pagehide reaches the page
    // (1 close in 4 here): then the view is lost (docs/page-leave.md). Never two, though.
    const found = await collector.waitForEvents(1, { filter: { event: 'Page Left' }, timeout: 3000 }).catch(() => []);
    console.log(`PAGE LEFT [firefox] closed tab: ${found.length ? 'reported' : 'lost (no pagehide reached the page)'}`);
    expect(found.length).toBeLessThanOrEqual(1);
    // Playwright over WebDriver BiDi loses Firefox ESR's tab on a back/forward-cache restore (as e2e/durable-bfcache.spec.ts).
    return;
  }
  const [closed] = (await pageLefts(collector, 1)).events;
  // Between what the page had engaged before the close was asked for, and that plus the time the close took.
  expect(closed.properties.engagedMs).toBeGreaterThanOrEqual(engagedAtClose * 0.9);
  expect(closed.properties.engagedMs).toBeLessThanOrEqual(Math.max((engagedAtClose + closing) * 1.1, 50));
  if (page.engine === 'chromium') {
    // A view that ends with no unload event at all (its renderer crashes, as a discarded tab's would go): the deferred
    // copy (fetchLater) armed while it lived is sent by the browser, once.
    const crashing = await context.newPage();
    await crashing.goto(url);
    await ready(crashing);
    await pieceReady(crashing);
    const livedAt = await crashing.evaluate(() => performance.now());
    const cdp = await crashing.playwright!.context().newCDPSession(crashing.playwright!);
    void cdp.send('Page.crash').catch(() => {}); // answers only when the tab is gone
    const { events, copies } = await pageLefts(collector, 2);
    expect(copies).toEqual([1, 1]);
    const crashed = events.find((event) => event.messageId !== closed.messageId)!;
    expect(crashed.properties.engagedMs).toBeGreaterThan(0);
    expect(crashed.properties.engagedMs).toBeLessThanOrEqual(livedAt);
  }
  // Away and back: WebKit restores the page from its page cache (a new view starts at pageshow); Playwright's Chromium,
  // without one, loads it again.
  await stayVisible(page, 0, 600);
  await page.goto(away);
  await page.goBack();
  await ready(page);
  await pieceReady(page);
  const restored = await page.evaluate(() => (window as any).restoredEngaged !== undefined);
  const startedAt = Number(await page.evaluate(() => (window as any).restoredEngaged ?? 0));
  await stayVisible(page, await page.evaluate(() => performance.now()), 600);
  await page.goto(away);
  const count = page.engine === 'chromium' ? 4 : 3;
  const { events, copies } = await pageLefts(collector, count);
  expect(events).toHaveLength(count);
  expect(copies).toEqual(Array(count).fill(1));
  const last = events.at(-1)!;
  expectEngaged(last, (await leftEngaged(page)) - startedAt);
  console.log(`PAGE LEFT [${page.engine}] back/forward: ${restored ? 'restored from the page cache' : 'loaded again'}`);
  // WebKit keeps the page in its page cache: the round trip there is a real restore, a new view with a new messageId.
  if (page.engine === 'webkit') expect(restored).toBe(true);
});

test('a link to another origin carries the anonymousId; the other origin adopts it and cleans its address bar', async ({
  page,
  collector,
}) => {
  const key = collector.writeKey;
  // The same collector's site, under another origin: localhost instead of 127.0.0.1.
  const landing = collector.snippetPage({ options: { ...collector.loadOptions, flushInterval: 200 } });
  const there = (await collector.servePage(landing, `/pl-land/${key}`)).replace('127.0.0.1', 'localhost');
  const url = await tallyPage(collector, { crossDomain: { domains: ['localhost'] } }, `<a id="away" href="${there}?x=1">app</a>`, {
    path: `/pl-cross/${key}`,
  });
  await page.goto(url);
  await ready(page);
  await pieceReady(page, 'extras');
  const anonymousId = await page.evaluate(() => (window as any).analytics.user().anonymousId());
  await page.click('#away');
  await page.waitForURL((address) => address.host.startsWith('localhost'));
  await ready(page);
  expect(await page.evaluate(() => location.search)).toBe('?x=1');
  const [view] = await collector.waitForEvents(1, { filter: { type: 'page' } });
  expect(view.anonymousId).toBe(anonymousId);
  // The snippet's page() call, made before tally loaded, kept the URL the link carried.
  expect(view.context.page.search).toMatch(new RegExp(`^\\?x=1&ajs_aid=${anonymousId}&tally_ts=\\d+$`));
});
