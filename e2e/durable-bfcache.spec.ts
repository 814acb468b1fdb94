// Quick navigate-away/back rounds with the page cache on (issue 13): WebKit's IndexedDB stalled after such a round when
// a connection lived on into the page cache, and restored pages sent their batch again. Every event must arrive once,
// IndexedDB must keep answering, and the store must hold nothing already delivered. 100 rounds in WebKit, 10 elsewhere
// (Playwright's Chromium runs with its back/forward cache off: there the rounds are plain quick navigations).
import { expect, test } from './fixtures';
import { finish, ready, storedIds, tallyPage, track } from './durable-helpers';

test('navigate away and straight back, many rounds, page cache on: every event once, IndexedDB keeps answering', async ({
  page,
  collector,
}) => {
  test.skip(
    page.engine === 'firefox',
    "Playwright over WebDriver BiDi loses Firefox ESR's tab on a back/forward-cache restore (history traversal never reports the restored page)",
  );
  const rounds = page.engine === 'webkit' ? 100 : 10;
  test.setTimeout(90_000 + rounds * 3_000);
  // no-cache (not no-store): the pages may enter the back/forward cache. The path carries this test's write key: the
  // collector serves pages by path for every engine at once, and another engine's run of this test serves its own.
  const home = { path: `/bf-home/${collector.writeKey}`, cacheControl: 'no-cache' } as const;
  const url = await tallyPage(collector, { flushAt: 100, flushInterval: 10_000 }, '', home);
  const away = await collector.servePage('<!doctype html><title>away</title><p>away</p>', '/bf-away', { cacheControl: 'no-cache' });
  await page.goto(url);
  await ready(page);
  // Counts the restores from the page cache, in the page's own session storage.
  await page.evaluate(() =>
    addEventListener('pageshow', (event) => {
      if (event.persisted) sessionStorage.setItem('e2e.restored', String(Number(sessionStorage.getItem('e2e.restored') ?? 0) + 1));
    }),
  );
  const ids: string[] = [];
  for (let round = 0; round < rounds; round++) {
    ids.push(...(await track(page, `bf${round}`, 2)));
    await page.goto(away);
    await page.goBack();
    await ready(page);
  }
  // A stalled IndexedDB shows here: storedIds gives up after 3 s and says so.
  const result = await finish(page, collector, 'navigate away and straight back, page cache on (100 rounds in WebKit, 10 elsewhere)', ids, {
    timeout: 30_000,
  });
  const restored = Number(await page.evaluate(() => sessionStorage.getItem('e2e.restored') ?? 0));
  console.log(`BFCACHE [${page.engine}] ${rounds} rounds, ${restored} restored from the page cache`);
  expect(result.lost).toEqual([]);
  if (page.engine === 'webkit') {
    // Its rounds are restores from the page cache: a restored page must not send its batch again (issue 13).
    expect(result.duplicates).toBe(0);
  } else {
    // Plain quick navigations (Chromium's page cache is off here): a round's keepalive request still unanswered as the
    // next page loads is sent again by it once its lease runs out, as in durable-lifecycle's in-flight test; seen on a
    // loaded machine for one round in about ten runs. Bounded: never more than one extra copy of an event.
    expect(result.duplicates).toBeLessThanOrEqual(result.duplicated.length);
  }
  expect(result.stored).toEqual([]);
  expect(await storedIds(page)).not.toContain('(IndexedDB did not answer in 3 s)');
});
