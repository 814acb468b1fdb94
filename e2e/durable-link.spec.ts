// Tracking then following a link (issue 21): 30 tracks, then at once a new navigation to a page of another path without
// tally, then a new navigation back to the site, with the page cache on. WebKit keeps the first page frozen in its page
// cache with its round's request unanswered; the next page view must not send those events again once their lease ends.
// A page that is unloaded instead may have them sent again: only those a round's request carried as it left.
// Duplicates are counted on the collector's raw request log, watched past the 15 s unload lease.
import { expect, test } from './fixtures';
import { finish, posts, ready, tallyPage, track } from './durable-helpers';

test('track then follow a link to another path, then a new navigation back, page cache on: every event once', async ({
  page,
  collector,
}) => {
  test.setTimeout(90_000);
  // Paths of this test's own (pages are served site-wide). no-cache (not no-store): the pages may enter the back/forward cache. Default flushAt (20): a round is under way as the page leaves.
  const url = await tallyPage(collector, {}, '', { path: `/link-home/${collector.writeKey}`, cacheControl: 'no-cache' });
  const away = await collector.servePage('<!doctype html><title>away</title><p>away</p>', `/elsewhere/${collector.writeKey}`, {
    cacheControl: 'no-cache',
  });
  await page.goto(url);
  await ready(page);
  // Whether the page entered the page cache as it left (pagehide's persisted), kept in the tab's session storage.
  await page.evaluate(() => addEventListener('pagehide', (event) => sessionStorage.setItem('e2e.cached', String(event.persisted))));
  const ids = await track(page, 'link', 30);
  await page.goto(away);
  await page.goto(url); // a new navigation, not a back: the first page view stays in the page cache
  await ready(page);
  const result = await finish(page, collector, 'track, follow a link to another path, new navigation back (page cache on)', ids, {
    timeout: 30_000,
  });
  const cached = (await page.evaluate(() => sessionStorage.getItem('e2e.cached'))) === 'true';
  console.log(`LINK [${page.engine}] the first page view ${cached ? 'entered' : 'did not enter'} the page cache`);
  expect(result.lost).toEqual([]);
  if (cached) expect(result.duplicates).toBe(0);
  else {
    // Unloaded (Playwright's Chromium has no back/forward cache), the page never reads the answer of a round's request
    // sent before it left: only what that request carried may come twice (see docs/buffer.md).
    const [first] = await posts(collector);
    expect(result.duplicated.every((id) => first.events.some((event) => event.messageId === id))).toBe(true);
  }
  expect(result.stored).toEqual([]);
});
