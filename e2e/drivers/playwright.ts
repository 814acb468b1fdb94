// The page API over Playwright: Chromium (CDP) and Firefox ESR (WebDriver BiDi, through the relay in firefox-bidi.mjs).
import { chromium, firefox, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FIREFOX_RELAY } from './engines';
import { asStatement, readElements, setSimulatedOnline } from './page-hooks';
import type { ConsoleEntry, Engine, OfflineMode, PageFunction, TestContext, TestPage } from './types';
import type { NetworkCut } from './network';

/** Launches one engine's browser for a worker. */
export function launchPlaywright(engine: 'chromium' | 'firefox'): Promise<Browser> {
  if (engine === 'chromium') return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // Firefox ESR over BiDi: Playwright's own Firefox build cannot be downloaded here.
  return firefox.launch({ channel: 'moz-firefox', executablePath: FIREFOX_RELAY });
}

const CONSOLE_TYPES: Record<string, ConsoleEntry['type']> = {
  warn: 'warning',
  warning: 'warning',
  error: 'error',
  info: 'info',
  debug: 'debug',
};

/** A tab over a Playwright page: console messages and page errors are collected from the start. */
function wrapPage(engine: Engine, page: Page): TestPage {
  const seen: ConsoleEntry[] = [];
  page.on('console', (message) => seen.push({ type: CONSOLE_TYPES[message.type()] ?? 'log', text: message.text() }));
  page.on('pageerror', (error) => seen.push({ type: 'pageerror', text: error.message }));
  // Playwright's CSS pierces open shadow roots; each ` >>> ` part is a chained locator, `:visible` its own filter.
  const locate = (selector: string) =>
    selector
      .split('>>>')
      .map((part) => part.trim())
      .reduce(
        (scope: Locator | Page, part) => {
          const onlyVisible = part.endsWith(':visible');
          const located = scope.locator(onlyVisible ? part.slice(0, -':visible'.length) : part);
          return onlyVisible ? located.filter({ visible: true }) : located;
        },
        page as Locator | Page,
      ) as Locator;
  const evaluate = <R, A>(fn: PageFunction<A, R>, arg?: A): Promise<R> => page.evaluate(fn as (arg: unknown) => R, arg as unknown);
  return {
    engine,
    playwright: page,
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    // Firefox ESR's BiDi history traversal never returns for a page restored from the back/forward cache: step through
    // history from the page and wait for the other URL's document to be complete (Playwright's Chromium has the cache off).
    goBack: () => traverse(page, -1),
    goForward: () => traverse(page, 1),
    url: async () => page.url(),
    evaluate,
    async waitForFunction<R, A>(fn: PageFunction<A, R>, arg?: A, options?: { timeout?: number }) {
      const handle = await page.waitForFunction(fn as (arg: unknown) => R, arg as unknown, options);
      return (await handle.jsonValue()) as R;
    },
    waitForURL: (url, options) => page.waitForURL(url, options),
    click: (selector) => locate(selector).first().click(),
    hover: (selector) => locate(selector).first().hover(),
    fill: (selector, value) => locate(selector).first().fill(value),
    texts: (selector) => evaluate(readElements, { selector, read: 'text' }) as Promise<string[]>,
    text: async (selector) => ((await evaluate(readElements, { selector, read: 'text' })) as string[])[0] ?? null,
    count: async (selector) => (await evaluate(readElements, { selector, read: 'text' })).length,
    isVisible: async (selector) => (await evaluate(readElements, { selector, read: 'visible' }))[0] === true,
    content: () => page.content(),
    console: async () => [...seen],
    waitForTimeout: (ms) => page.waitForTimeout(ms),
    close: () => page.close({ runBeforeUnload: true }),
  };
}

/** Steps `delta` through the tab's history (history.go) and waits until another document is complete there. */
async function traverse(page: Page, delta: number): Promise<void> {
  const from = page.url();
  await page.evaluate((step) => setTimeout(() => history.go(step)), delta);
  await page.waitForURL((url) => url.href !== from, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.readyState === 'complete');
}

/** A context over a fresh Playwright BrowserContext; `cut` is how this test's tracking API is cut when simulating offline. */
export async function newPlaywrightContext(engine: 'chromium' | 'firefox', browser: Browser, cut: NetworkCut): Promise<TestContext> {
  const context: BrowserContext = await browser.newContext();
  const pages: TestPage[] = [];
  const pageOf = new Map<TestPage, Page>();
  let simulated = false;
  let routed = false;

  /** Serves the site origin's pages from Node while the context is offline, as a service worker would. */
  async function keepLoadable(on: boolean) {
    const pattern = `${cut.siteUrl}/**`;
    if (on === routed) return;
    routed = on;
    if (!on) return context.unroute(pattern);
    await context.route(pattern, async (route) => {
      const response = await fetch(route.request().url());
      const contentType = response.headers.get('content-type') ?? 'text/html';
      await route.fulfill({ status: response.status, body: Buffer.from(await response.arrayBuffer()), contentType });
    });
  }

  async function simulate(offline: boolean) {
    simulated = offline;
    await cut.set(offline);
    await context.addInitScript(setSimulatedOnline, { online: !offline, fire: false });
    for (const page of pages)
      await pageOf
        .get(page)!
        .evaluate(setSimulatedOnline, { online: !offline, fire: true })
        .catch(() => {});
  }

  return {
    engine,
    async newPage() {
      const raw = await context.newPage();
      const page = wrapPage(engine, raw);
      pages.push(page);
      pageOf.set(page, raw);
      raw.on('close', () => pages.splice(pages.indexOf(page), 1));
      return page;
    },
    pages: () => [...pages],
    addInitScript: async (fn, arg) => void (await context.addInitScript(asStatement(fn, arg))),
    addCookies: (cookies) => context.addCookies(cookies),
    cookies: async () => (await context.cookies()).map(({ name, value, expires }) => ({ name, value, expires })),
    async setOffline(offline, { keepPagesLoadable = false } = {}): Promise<OfflineMode> {
      // Firefox cannot serve routed pages while its network emulation is offline: simulate there.
      if ((engine === 'firefox' && keepPagesLoadable) || (simulated && !offline)) {
        await simulate(offline);
        return 'simulated';
      }
      if (keepPagesLoadable || !offline) await keepLoadable(offline);
      await context.setOffline(offline);
      return 'emulated';
    },
    close: () => context.close(),
  };
}
