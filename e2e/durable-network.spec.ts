// Durable delivery against a failing network: offline, 5xx, 429 with Retry-After, a hanging server, a poisoned batch.
import { consoleTexts, expect, test } from './fixtures';
import { finish, posts, ready, settle, tallyPage, track } from './durable-helpers';

test('offline then online: nothing is sent offline, everything arrives once online', async ({ page, context, collector }) => {
  test.setTimeout(60_000);
  await page.goto(await tallyPage(collector));
  await ready(page);
  await context.setOffline(true);
  const ids = await track(page, 'off', 30);
  await page.waitForTimeout(1000);
  expect(await posts(collector)).toEqual([]);
  await context.setOffline(false);
  const result = await finish(page, collector, 'offline burst then online', ids);
  expect(result.lost).toEqual([]);
  expect(result.duplicates).toBe(0);
  expect(result.stored).toEqual([]);
});

test('500 three times, then 200: retried with backoff, delivered once', async ({ page, collector }) => {
  test.setTimeout(60_000);
  await collector.fault({ status: 500, count: 3 });
  await page.goto(await tallyPage(collector));
  await ready(page);
  const ids = await track(page, 'five', 10);
  const result = await finish(page, collector, '5xx: 500 x3 then 200', ids, { timeout: 20_000 });
  expect(result.lost).toEqual([]);
  expect(result.duplicates).toBe(0);
  expect(result.stored).toEqual([]);
  const statuses = (await posts(collector)).map((request) => request.status);
  expect(statuses).toEqual([500, 500, 500, 200]);
});

test('429 with Retry-After: 2 is not retried before 2 s', async ({ page, collector }) => {
  await collector.fault({ status: 429, count: 1, headers: { 'Retry-After': '2' } });
  await page.goto(await tallyPage(collector));
  await ready(page);
  const ids = await track(page, 'rate', 5);
  const result = await settle(collector, ids, 15_000);
  expect(result.lost).toEqual([]);
  expect(result.duplicates).toBe(0);
  const [limited, retry] = await posts(collector);
  expect(limited.status).toBe(429);
  expect(retry.status).toBe(200);
  expect(retry.at - limited.at).toBeGreaterThanOrEqual(2000);
});

test('a hanging server: the request times out and is retried', async ({ page, collector }) => {
  test.setTimeout(60_000);
  await collector.fault({ hang: true, count: 1 });
  await page.goto(await tallyPage(collector));
  await ready(page);
  const ids = await track(page, 'hang', 5);
  const result = await settle(collector, ids, 40_000);
  expect(result.lost).toEqual([]);
  expect(result.duplicates).toBe(0);
  const requests = await posts(collector);
  expect(requests[0].hang).toBe(true);
});

test('a 413 batch with one poisoned event: only that event is lost, and it is reported', async ({ page, collector }) => {
  await collector.fault({ status: 413, count: 100, matchEvent: 'Poison' });
  await page.goto(await tallyPage(collector));
  await ready(page);
  await page.evaluate(() => {
    (window as any).reported = [];
    (window as any).analytics.on('error', (error: any) => (window as any).reported.push(error.event?.messageId));
  });
  const good = await track(page, 'good', 9);
  await page.evaluate(() => (window as any).analytics.track('Poison', {}, { messageId: 'poison-0' }));
  const result = await settle(collector, good);
  expect(result.lost).toEqual([]);
  expect(result.duplicates).toBe(0);
  await expect.poll(() => page.evaluate(() => (window as any).reported)).toEqual(['poison-0']);
  const errors = await consoleTexts(page, 'error');
  expect(errors.some((text) => text.includes('poison-0') && text.includes('413'))).toBe(true);
  expect((await collector.events()).some((event) => event.messageId === 'poison-0')).toBe(false);
  const stats = await page.evaluate(() => (window as any).analytics.stats()['Segment.io']);
  expect(stats.sent).toBe(9);
  expect(Object.values(stats.dropped)).toEqual([1]);
});

test('the collector marks a retried event with its attempt number (the viewer shows it)', async ({ page, collector }) => {
  await collector.fault({ status: 503, count: 1 });
  await page.goto(await tallyPage(collector));
  await ready(page);
  const ids = await track(page, 'marked', 3);
  await settle(collector, ids);
  expect((await collector.events()).map((event) => event.attempt)).toEqual([2, 2, 2]);
});
