// Helpers of the durable-delivery specs: pages that track known messageIds, and a tally of what arrived (lost, duplicated)
// counted on the collector's raw request log, watched long enough to see late resends, with what the page's store still holds.
import { appendFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Collector, TestPage } from './fixtures';

/** How long a durable test keeps watching after the last event arrived: past the 15 s unload lease (leases.ts) and a flush. */
export const WATCH_MS = 20_000;

/** Where each durable scenario's figures go, one JSON line each (scripts/durable-table.mjs makes the table in docs/engines.md). */
export const FIGURES_DIR = resolve('.reports');

/** A page with the official snippet, tally pointed at the collector, short flush interval, no initial page call. */
export async function tallyPage(
  collector: Collector,
  options: object = {},
  body = '',
  serve: { path?: string; cacheControl?: 'no-store' | 'no-cache' } = {},
): Promise<string> {
  return collector.servePage(
    collector.snippetPage({ page: false, options: { ...collector.loadOptions, flushInterval: 200, ...options }, body }),
    serve.path,
    { cacheControl: serve.cacheControl },
  );
}

/** Waits for tally to replace the snippet's stub. */
export async function ready(page: TestPage): Promise<void> {
  await page.waitForFunction(() => (window as any).analytics?.initialized === true);
}

/** Tracks `count` events with messageIds `${prefix}-${i}`; returns the ids. */
export async function track(page: TestPage, prefix: string, count: number, name = 'Durable'): Promise<string[]> {
  return trackIds(
    page,
    Array.from({ length: count }, (_, i) => `${prefix}-${i}`),
    name,
  );
}

/** `count` distinct ULIDs (Customer.io's Track API carries a messageId only when it is one); `tag`: 4 letters of Crockford base 32. */
export function ulids(tag: string, count: number): string[] {
  const run = Date.now()
    .toString(32)
    .toUpperCase()
    .replace(/[ILOU]/g, 'Z')
    .padStart(12, '0')
    .slice(-12);
  return Array.from({ length: count }, (_, i) => `01H${tag}${run}${String(i).padStart(7, '0')}`);
}

/** Tracks one event with each of `ids` as its messageId; returns the ids. */
export async function trackIds(page: TestPage, ids: string[], name = 'Durable'): Promise<string[]> {
  await page.evaluate(({ ids, name }) => ids.forEach((messageId, i) => (window as any).analytics.track(name, { i }, { messageId })), {
    ids,
    name,
  });
  return ids;
}

/** What arrived of `ids`: counted on the raw request log (every accepted copy, not the collector's deduped view). */
export interface Tally {
  lost: string[];
  /** Copies accepted beyond the first, summed over the ids. */
  duplicates: number;
  duplicated: string[];
  /** Requests that carried any of the ids, answered or not. */
  attempts: number;
  /** When the last accepted copy arrived (ms since the epoch). */
  lastArrival: number;
}

/** Counts `ids` on the raw request log; `destination` ('segment', 'customerio') counts only that service's requests. */
export async function tally(collector: Collector, ids: string[], destination?: string): Promise<Tally> {
  const wanted = new Set(ids);
  const copies = new Map<string, number>();
  let attempts = 0;
  let lastArrival = 0;
  for (const request of await collector.requests({ method: 'POST', ...(destination && { destination }) })) {
    const batch = (request.body as { batch?: Array<{ messageId?: string; id?: string }> })?.batch ?? [];
    const carried =
      batch.some((item) => wanted.has((item.messageId ?? item.id)!)) || request.events.some((event) => wanted.has(event.messageId!));
    if (carried) attempts += 1;
    for (const event of request.events) {
      if (!event.messageId || !wanted.has(event.messageId)) continue;
      copies.set(event.messageId, (copies.get(event.messageId) ?? 0) + 1);
      lastArrival = Math.max(lastArrival, request.at);
    }
  }
  const lost = ids.filter((id) => !copies.has(id));
  const duplicated = ids.filter((id) => (copies.get(id) ?? 0) > 1);
  const duplicates = ids.reduce((sum, id) => sum + Math.max(0, (copies.get(id) ?? 0) - 1), 0);
  return { lost, duplicates, duplicated, attempts, lastArrival };
}

/** Polls until every id arrived (or the timeout); returns the tally. */
export async function settle(collector: Collector, ids: string[], timeout = 10_000, destination?: string): Promise<Tally> {
  const deadline = Date.now() + timeout;
  let result = await tally(collector, ids, destination);
  while (result.lost.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    result = await tally(collector, ids, destination);
  }
  return result;
}

/** What storedIds says when IndexedDB did not answer at all. */
const NO_ANSWER = '(IndexedDB did not answer in 3 s)';

/**
 * The messageIds the page's durable buffer still holds: IndexedDB, the localStorage fallback and the journals. WebKit's
 * IndexedDB can stall for seconds after a navigation while the page it left is frozen in its page cache: up to four
 * reads are made before the stall is reported (as NO_ANSWER among the ids).
 */
export async function storedIds(page: TestPage): Promise<string[]> {
  let ids = await readStoredIds(page);
  for (let attempt = 1; attempt < 4 && ids.includes(NO_ANSWER); attempt += 1) ids = await readStoredIds(page);
  return ids;
}

/** One read of the ids the page's buffer holds; NO_ANSWER among them when IndexedDB did not answer in 3 s. */
function readStoredIds(page: TestPage): Promise<string[]> {
  return page.evaluate(async () => {
    const ids: string[] = [];
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('tally.buffer.') || key.startsWith('tally.journal.')) {
        const records = JSON.parse(localStorage.getItem(key) || '{}');
        for (const [id, value] of Object.entries(records)) if (value) ids.push(id);
      }
    }
    const fromIndexedDb = await new Promise<string[]>((resolve) => {
      const done = setTimeout(() => resolve(['(IndexedDB did not answer in 3 s)']), 3000);
      try {
        const open = indexedDB.open('tally');
        open.onerror = () => resolve([]);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('buffer')) {
            db.close();
            return resolve([]);
          }
          const keys = db.transaction('buffer').objectStore('buffer').getAllKeys();
          keys.onsuccess = () => {
            clearTimeout(done);
            db.close();
            resolve(keys.result.map((key) => (key as string[])[1]));
          };
          keys.onerror = () => resolve([]);
        };
      } catch {
        resolve([]);
      }
    });
    return ids.concat(fromIndexedDb);
  });
}

/** One durable scenario's figures, as the table in docs/engines.md shows them. */
export interface Figures {
  engine: string;
  scenario: string;
  sent: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Delivered events the store still held at the end (it must hold none). */
  storedDelivered: number;
}

/**
 * Waits for every id, then keeps watching WATCH_MS past the last arrival (late resends show up there), reads what the
 * page's store still holds, logs a DURABLE line and records the figures. `page`: a page of the site, for the store;
 * `destination`: count only that service's requests.
 */
export async function finish(
  page: TestPage | undefined,
  collector: Collector,
  scenario: string,
  ids: string[],
  {
    timeout = 10_000,
    watchMs = WATCH_MS,
    readStore = true,
    destination,
  }: { timeout?: number; watchMs?: number; readStore?: boolean; destination?: string } = {},
): Promise<Tally & { stored: string[] }> {
  let result = await settle(collector, ids, timeout, destination);
  const until = Math.max(result.lastArrival, Date.now() - watchMs) + watchMs;
  if (Date.now() < until) await new Promise((resolve) => setTimeout(resolve, until - Date.now()));
  result = await tally(collector, ids, destination);
  const delivered = new Set(ids.filter((id) => !result.lost.includes(id)));
  // readStore false: the page's storage is denied (nothing was kept there).
  const stored = page && readStore ? (await storedIds(page)).filter((id) => delivered.has(id) || id.startsWith('(')) : [];
  const engine = page?.engine ?? 'unknown';
  const figures: Figures = {
    engine,
    scenario,
    sent: ids.length,
    delivered: delivered.size,
    lost: result.lost.length,
    duplicated: result.duplicates,
    storedDelivered: stored.length,
  };
  console.log(
    `DURABLE [${engine}] ${scenario}: ${ids.length} tracked, ${result.lost.length} lost, ${result.duplicates} duplicated` +
      `${result.duplicates ? ` (${result.duplicated.slice(0, 10).join(' ')}${result.duplicated.length > 10 ? ' …' : ''})` : ''}` +
      `, ${stored.length} delivered still stored, ${result.attempts} requests` +
      (result.duplicates ? `\n  requests: ${await timeline(collector, ids)}` : ''),
  );
  mkdirSync(FIGURES_DIR, { recursive: true });
  appendFileSync(resolve(FIGURES_DIR, `durable-${engine}.jsonl`), JSON.stringify(figures) + '\n');
  return { ...result, stored };
}

/**
 * When duplicates happened, which requests carried the ids: ms after the first, how many ids, and the status the
 * collector answered, so that a rare duplicate in a loaded run says whether the page that left or the next one resent.
 */
async function timeline(collector: Collector, ids: string[]): Promise<string> {
  const wanted = new Set(ids);
  const carrying = (await posts(collector)).filter((request) => request.events.some((event) => wanted.has(event.messageId!)));
  const start = carrying[0]?.at ?? 0;
  return carrying
    .map(
      (request) =>
        `+${request.at - start} ms ${request.events.filter((event) => wanted.has(event.messageId!)).length} ids (${request.status})`,
    )
    .join(', ');
}

/** POST requests the collector saw for this test, oldest first. */
export async function posts(collector: Collector) {
  return (await collector.requests({ method: 'POST' })).sort((a, b) => a.seq - b.seq);
}
