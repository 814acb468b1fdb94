// Durable delivery across page views made offline: what each view tracked waits in the buffer until the network returns.
// The site's pages stay loadable offline (as a service worker would serve them): only the tracking API is cut.
import { expect, test } from './fixtures';
import { finish, posts, ready, tallyPage, track } from './durable-helpers';

test('offline, reload twice, online: events of all three page views arrive', async ({ page, context, collector }) => {
  test.setTimeout(60_000);
  const url = await tallyPage(collector);
  await page.goto(url);
  await ready(page);
  await context.setOffline(true, { keepPagesLoadable: true });
  const ids = await track(page, 'view1', 10);
  await page.reload();
  await ready(page);
  ids.push(...(await track(page, 'view2', 10)));
  await page.reload();
  await ready(page);
  ids.push(...(await track(page, 'view3', 10)));
  await page.waitForTimeout(500);
  expect(await posts(collector)).toEqual([]);
  await context.setOffline(false);
  const result = await finish(page, collector, 'offline, reload twice, online', ids);
  expect(result.lost).toEqual([]);
  expect(result.duplicates).toBe(0);
  expect(result.stored).toEqual([]);
});

test('IndexedDB slow to open (a loaded machine): what each page view tracked before its reload arrives', async ({
  page,
  context,
  collector,
}) => {
  test.setTimeout(60_000);
  // Every page view's indexedDB.open answers 2 s late: a view that reloads sooner never gets to write to IndexedDB.
  await context.addInitScript((delayMs) => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: [string, number?]) {
      const late: Record<string, any> = {};
      setTimeout(() => {
        const real = open.apply(this, args);
        const forward = (name: string) => {
          real[name as 'onsuccess'] = (event: Event) => {
            late.result = real.readyState === 'done' ? real.result : undefined;
            late.error = real.error;
            late[name]?.(event);
          };
        };
        ['onsuccess', 'onerror', 'onupgradeneeded', 'onblocked'].forEach(forward);
      }, delayMs);
      return late as IDBOpenDBRequest;
    };
  }, SLOW_OPEN_MS);
  const url = await tallyPage(collector);
  await page.goto(url);
  await ready(page);
  await context.setOffline(true, { keepPagesLoadable: true });
  const ids = await track(page, 'slow1', 10);
  await page.reload();
  await ready(page);
  ids.push(...(await track(page, 'slow2', 10)));
  await page.reload();
  await ready(page);
  ids.push(...(await track(page, 'slow3', 10)));
  await page.waitForTimeout(SLOW_OPEN_MS);
  await context.setOffline(false);
  const result = await finish(page, collector, 'IndexedDB slow to open, offline, reload twice, online', ids);
  expect(result.lost).toEqual([]);
  expect(result.duplicates).toBe(0);
});

/** Longer than a reload takes here. */
const SLOW_OPEN_MS = 2000;
