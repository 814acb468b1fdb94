// Helpers of the durable-delivery specs: pages that track known messageIds, and a tally of what arrived (lost, duplicated).
import type { BrowserContext, Page } from '@playwright/test';
import type { Collector } from './fixtures';

/** A page with the official snippet, tally pointed at the collector, short flush interval, no initial page call. */
export async function tallyPage(collector: Collector, options: object = {}, body = ''): Promise<string> {
  return collector.servePage(
    collector.snippetPage({ page: false, options: { ...collector.loadOptions, flushInterval: 200, ...options }, body }),
  );
}

/** Waits for tally to replace the snippet's stub. */
export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as any).analytics?.initialized === true);
}

/** Tracks `count` events with messageIds `${prefix}-${i}`; returns the ids. */
export async function track(page: Page, prefix: string, count: number, name = 'Durable'): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  await page.evaluate(({ ids, name }) => ids.forEach((messageId, i) => (window as any).analytics.track(name, { i }, { messageId })), {
    ids,
    name,
  });
  return ids;
}

/** What arrived of `ids`, by messageId. */
export async function tally(
  collector: Collector,
  ids: string[],
): Promise<{ lost: string[]; duplicates: number; duplicated: string[]; received: number }> {
  const events = await collector.events();
  const counts = new Map<string, number>();
  for (const event of events) if (event.messageId) counts.set(event.messageId, (counts.get(event.messageId) ?? 0) + 1);
  const lost = ids.filter((id) => !counts.has(id));
  const duplicates = ids.reduce((sum, id) => sum + Math.max(0, (counts.get(id) ?? 0) - 1), 0);
  const duplicated = ids.filter((id) => (counts.get(id) ?? 0) > 1);
  return { lost, duplicates, duplicated, received: events.length };
}

/** Polls until every id arrived (or the timeout), then reports and returns the tally. */
export async function settle(collector: Collector, scenario: string, ids: string[], timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let result = await tally(collector, ids);
  while (result.lost.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    result = await tally(collector, ids);
  }
  console.log(
    `DURABLE ${scenario}: ${ids.length} tracked, ${result.lost.length} lost, ${result.duplicates} duplicated${result.duplicates ? ` (${result.duplicated.join(' ')})` : ''}`,
  );
  return result;
}

/** Keeps `urls` loadable while the context is offline, as a service worker would: fetched once now, then answered by Playwright. */
export async function keepLoadableOffline(context: BrowserContext, urls: string[]): Promise<void> {
  for (const url of urls) {
    const response = await fetch(url);
    const body = Buffer.from(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? 'text/html';
    await context.route(url, (route) => route.fulfill({ body, contentType }));
  }
}

/** POST requests the collector saw for this test, oldest first. */
export async function posts(collector: Collector) {
  return (await collector.requests({ method: 'POST' })).sort((a, b) => a.seq - b.seq);
}
