// Durable delivery through the page lifecycle: leaving right after tracking, a tab closed mid-flush, two tabs, no IndexedDB.
import { expect, test } from './fixtures';
import { posts, ready, settle, tallyPage, track } from './durable-helpers';

test('navigate away right after 50 tracks: all arrive (keepalive now, or the buffer on the next visit)', async ({ page, collector }) => {
  test.setTimeout(60_000);
  const url = await tallyPage(collector);
  const away = await collector.servePage('<!doctype html><title>elsewhere</title><p>elsewhere</p>', '/elsewhere');
  await page.goto(url);
  await ready(page);
  const ids = await track(page, 'leave', 50);
  await page.goto(away);
  const gone = await settle(collector, 'navigate away after 50 tracks (before coming back)', ids, 5000);
  await page.goto(url); // whatever did not fit the keepalive budget went out with the next page view
  await ready(page);
  await page.waitForTimeout(UNLOAD_WAIT_MS);
  const result = await settle(collector, 'navigate away after 50 tracks (after coming back)', ids);
  expect(result.lost).toEqual([]);
  // At least once: what keepalive carried at unload stays buffered (its answer never came back), so the next page view
  // resends it with the same messageId once the 15 s unload lease has passed. Never more than that one extra copy.
  const copies = (await collector.events()).filter((event) => event.messageId?.startsWith('leave-'));
  expect(copies.length).toBeLessThanOrEqual(ids.length * 2);
  expect(gone.duplicates).toBe(0);
});

/** Longer than the lease a hiding page leaves on what keepalive carries (buffer.ts UNLOAD_LEASE_MS), plus a flush. */
const UNLOAD_WAIT_MS = 17_000;

test('close the tab mid-flush and reopen the site: nothing is lost', async ({ context, collector }) => {
  test.setTimeout(60_000);
  await collector.fault({ hang: true, count: 1 });
  const url = await tallyPage(collector);
  const first = await context.newPage();
  await first.goto(url);
  await ready(first);
  const ids = await track(first, 'close', 20); // flushAt 20: sent at once, into the hanging request
  await expect.poll(async () => (await posts(collector)).length).toBe(1);
  ids.push(...(await track(first, 'late', 5)));
  await first.close({ runBeforeUnload: true });
  const second = await context.newPage();
  await second.goto(url);
  await ready(second);
  // What the closed tab handed to keepalive is left to it for 15 s (it hangs here), then the new page view resends it.
  const result = await settle(collector, 'close the tab mid-flush, reopen', ids, 30_000);
  expect(result.lost).toEqual([]);
  // The 5 late events went out by keepalive at close and stay buffered (no answer came back): resent once, same messageId.
  expect(result.duplicated.every((id) => id.startsWith('late-'))).toBe(true);
});

test('two tabs tracking offline, then online: no event lost, none sent by both', async ({ context, collector }) => {
  const url = await tallyPage(collector);
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const page of [a, b]) {
    await page.goto(url);
    await ready(page);
  }
  await context.setOffline(true);
  const ids = [...(await track(a, 'tabA', 30)), ...(await track(b, 'tabB', 30))];
  await a.waitForTimeout(300);
  await context.setOffline(false);
  const result = await settle(collector, 'two tabs offline then online', ids);
  await a.waitForTimeout(1000); // a second sender would show up now
  const final = await settle(collector, 'two tabs offline then online (1 s later)', ids);
  expect(result.lost).toEqual([]);
  expect(final.duplicates).toBe(0);
});

test('indexedDB deleted before load: localStorage takes over, delivery and restart still work', async ({ page, context, collector }) => {
  await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const url = await tallyPage(collector);
  await page.goto(url);
  await ready(page);
  const ids = await track(page, 'noidb', 10);
  await context.setOffline(true);
  ids.push(...(await track(page, 'noidb-offline', 5)));
  await page.waitForTimeout(300);
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('tally.buffer.')));
  expect(kept.length).toBe(1);
  await context.setOffline(false);
  const result = await settle(collector, 'indexedDB deleted before load', ids);
  expect(result.lost).toEqual([]);
  expect(result.duplicates).toBe(0);
  expect(errors).toEqual([]);
});
