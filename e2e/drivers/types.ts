// The one page API every e2e spec uses, whichever engine runs it: Playwright's pages (Chromium, Firefox) and WebKitGTK's
// WebDriver (WebKit) both implement it, so a spec written once runs in all three engines.
import type { Page } from '@playwright/test';

/** The engines the suite runs in. */
export type Engine = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly Engine[] = ['chromium', 'firefox', 'webkit'];

/** A function run in the page, with one JSON-serialisable argument (as Playwright's evaluate takes it). */
export type PageFunction<Arg, Result> = (arg: Arg) => Result | Promise<Result>;

/** One console message, or an uncaught error (`type: 'pageerror'`). */
export interface ConsoleEntry {
  type: 'log' | 'debug' | 'info' | 'warning' | 'error' | 'pageerror';
  text: string;
}

/** A tab. Every method works in every engine; the few differences are spelled out on the method. */
export interface TestPage {
  readonly engine: Engine;
  /**
   * Playwright's own page, in the engines Playwright drives (Chromium, Firefox); undefined in WebKit (WebDriver). Only for
   * what WebDriver has no equivalent of (a fake clock); such a test skips WebKit, saying why.
   */
  readonly playwright?: Page;
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  goBack(): Promise<void>;
  goForward(): Promise<void>;
  url(): Promise<string>;
  /** Runs `fn(arg)` in the page and returns its (awaited, JSON-serialisable) result; `fn` must not close over test variables. */
  evaluate<Result, Arg = undefined>(fn: PageFunction<Arg, Result>, arg?: Arg): Promise<Result>;
  /** Polls `fn(arg)` in the page until it returns a truthy value; returns it. */
  waitForFunction<Result, Arg = undefined>(fn: PageFunction<Arg, Result>, arg?: Arg, options?: { timeout?: number }): Promise<Result>;
  /** Waits until the page's URL is `url` or matches the predicate. */
  waitForURL(url: string | ((url: URL) => boolean), options?: { timeout?: number }): Promise<void>;
  /**
   * Clicks the first element matching `selector`, as a user would (scrolled into view, real pointer events). Selectors
   * are CSS; ` >>> ` steps into the shadow root of the elements matched so far (`x-shop >>> button.buy`), and a part
   * may end in `:visible` (rendered with a size).
   */
  click(selector: string): Promise<void>;
  /** Moves the pointer over the first element matching `selector`, as a user would. */
  hover(selector: string): Promise<void>;
  /** Types `value` into the first input matching `selector`, replacing its value. */
  fill(selector: string, value: string): Promise<void>;
  /** The text of each element matching `selector` (textContent, whitespace collapsed). */
  texts(selector: string): Promise<string[]>;
  /** The text of the first element matching `selector`, or null when none matches. */
  text(selector: string): Promise<string | null>;
  /** How many elements match `selector`. */
  count(selector: string): Promise<number>;
  /** Whether the first element matching `selector` is rendered with a size. */
  isVisible(selector: string): Promise<boolean>;
  /** The page's HTML. */
  content(): Promise<string>;
  /** Console messages and uncaught errors since this tab opened, across its navigations. */
  console(): Promise<ConsoleEntry[]>;
  waitForTimeout(ms: number): Promise<void>;
  /** Closes the tab, firing pagehide and unload as a user closing it would. */
  close(): Promise<void>;
}

/** A cookie for `TestContext.addCookies`, set on the URL's host. */
export interface TestCookie {
  name: string;
  value: string;
  url: string;
}

/** How the network is cut: `emulated` by the engine, or `simulated` (the collector refuses, navigator.onLine reads false). */
export type OfflineMode = 'emulated' | 'simulated';

/** A browser profile of its own for one test: tabs that share cookies and storage. */
export interface TestContext {
  readonly engine: Engine;
  newPage(): Promise<TestPage>;
  pages(): TestPage[];
  /** Runs `fn(arg)` at the start of every document loaded from now on, before the page's own scripts. */
  addInitScript<Arg>(fn: PageFunction<Arg, unknown>, arg?: Arg): Promise<void>;
  addCookies(cookies: TestCookie[]): Promise<void>;
  /** The cookies of the site origin, with their expiry (seconds since the epoch; -1 for a session cookie). */
  cookies(): Promise<{ name: string; value: string; expires: number }[]>;
  /**
   * Cuts or restores the network of every tab. `keepPagesLoadable`: the site's pages still load while offline (as a
   * service worker would serve them); only the tracking API is cut. Returns how it was done in this engine.
   */
  setOffline(offline: boolean, options?: { keepPagesLoadable?: boolean }): Promise<OfflineMode>;
  close(): Promise<void>;
}
