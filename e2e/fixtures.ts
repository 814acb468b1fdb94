// The e2e fixtures: `page` and `context` in the engine of the Playwright project (Chromium, Firefox or WebKit, through one
// driver API: drivers/types.ts), and `collector`, which gives each test its own writeKey and reads what the local collector received.
import { test as playwrightTest, expect, type APIRequestContext, type Browser, type TestType } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { snippetPage, type SnippetPageOptions } from './snippet';
import { missing } from './drivers/engines';
import { createNetworkCut } from './drivers/network';
import { launchPlaywright, newPlaywrightContext } from './drivers/playwright';
import { newWebKitContext, startWebKitServer, type WebKitServer } from './drivers/webkit';
import type { ConsoleEntry, Engine, TestContext, TestPage } from './drivers/types';

export type { ConsoleEntry, Engine, TestContext, TestPage } from './drivers/types';

/** One accepted event as recorded by the collector (the payload plus the collector's annotations). */
export type CollectorEvent = Record<string, any> & {
  type: string;
  messageId?: string;
  receivedAt: string;
  problems: string[];
  duplicate?: true;
  requestSeq: number;
  writeKey?: string;
};

/** One recorded HTTP request (tracking call or OPTIONS preflight). */
export interface CollectorRequest {
  seq: number;
  at: number;
  destination: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  status: number;
  writeKey?: string;
  body: unknown;
  events: CollectorEvent[];
  problems?: string[];
  rejected?: string;
  fault?: number;
  hang?: true;
  reset?: true;
}

/** Server-side filters; a function filters in the test process instead. */
export type EventFilter = { type?: string; event?: string; destination?: string; writeKey?: string } | ((event: CollectorEvent) => boolean);
export type RequestFilter = { destination?: string; method?: string; writeKey?: string };

/** A fault rule (see collector/faults.mjs); scoped to this test's writeKey unless it names one. */
export interface FaultRule {
  status?: number;
  count?: number;
  headers?: Record<string, string>;
  body?: unknown;
  destination?: string;
  writeKey?: string;
  hang?: boolean;
  reset?: boolean;
  /** Answer this much later (with `status`, or the service's own answer). */
  delayMs?: number;
  matchEvent?: string | Record<string, unknown>;
}

export interface Collector {
  siteUrl: string;
  apiUrl: string;
  /** Unique to this test, so parallel tests never see each other's events. */
  writeKey: string;
  /** `{ segment: { apiHost } }` pointing the SDK at the collector: the snippetPage default. */
  loadOptions: object;
  events(filter?: EventFilter): Promise<CollectorEvent[]>;
  requests(filter?: RequestFilter): Promise<CollectorRequest[]>;
  /** Polls until at least `count` events match; throws listing what did arrive. */
  waitForEvents(count: number, options?: { timeout?: number; filter?: EventFilter }): Promise<CollectorEvent[]>;
  /** Serves HTML (or `options.type`) from the site origin; returns its URL. `cacheControl: 'no-cache'` lets Chromium bfcache it. */
  servePage(html: string, path?: string, options?: { type?: string; cacheControl?: 'no-store' | 'no-cache' }): Promise<string>;
  fault(rule: FaultRule): Promise<FaultRule & { id: number }>;
  /** snippetPage() with this test's writeKey and loadOptions as defaults. */
  snippetPage(options?: Partial<SnippetPageOptions>): string;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run with -c e2e/playwright.config.ts (its globalSetup starts the collector)`);
  return value;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();

function describeEvent(event: CollectorEvent): string {
  const named = event.event || event.name;
  const problems = event.problems.length ? ` problems=${event.problems.join(',')}` : '';
  return `${event.type}${named ? ` "${named}"` : ''} ${event.messageId ?? '(no messageId)'}${problems}`;
}

export function createCollector(writeKey: string): Collector {
  const siteUrl = requireEnv('TALLY_SITE_URL');
  const apiUrl = requireEnv('TALLY_API_URL');
  const control = `${apiUrl}/__collector`;
  const loadOptions = { segment: { apiHost: `${apiUrl}/v1` } };

  async function events(filter: EventFilter = {}) {
    const serverFilter = typeof filter === 'function' ? {} : filter;
    const list = await getJson<CollectorEvent[]>(`${control}/events?${query({ writeKey, ...serverFilter })}`);
    return typeof filter === 'function' ? list.filter(filter) : list;
  }

  async function requests(filter: RequestFilter = {}) {
    return getJson<CollectorRequest[]>(`${control}/requests?${query({ writeKey, ...filter })}`);
  }

  async function waitForEvents(count: number, { timeout = 5000, filter }: { timeout?: number; filter?: EventFilter } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = await events(filter);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        const all = await requests();
        const arrived = all.flatMap((request) => request.events).map(describeEvent);
        const statuses = all.map(
          (request) => `${request.method} ${request.path} → ${request.status}${request.rejected ? ` (${request.rejected})` : ''}`,
        );
        throw new Error(
          `waited ${timeout} ms for ${count} event(s)${filter ? ' matching the filter' : ''}, got ${found.length}.\n` +
            `Events for ${writeKey}:\n  ${arrived.join('\n  ') || '(none)'}\nRequests:\n  ${statuses.join('\n  ') || '(none)'}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    siteUrl,
    apiUrl,
    writeKey,
    loadOptions,
    events,
    requests,
    waitForEvents,
    servePage: async (html, path, options) => (await postJson<{ url: string }>(`${control}/pages`, { html, path, ...options })).url,
    fault: (rule) => postJson(`${control}/faults`, { writeKey, ...rule }),
    snippetPage: (options = {}) => snippetPage({ writeKey, options: loadOptions, ...options }),
  };
}

/** The tests' fixtures. */
export interface Fixtures {
  collector: Collector;
  /** A fresh profile in this project's engine. */
  context: TestContext;
  /** The context's first tab. */
  page: TestPage;
  /** Opens another fresh profile in this engine (another visitor, another browser), closed after the test. */
  openContext: () => Promise<TestContext>;
  /** Playwright's HTTP client (engine-independent). */
  request: APIRequestContext;
}

/** A fresh profile in `engine`, with the network cut this test's collector controls. */
function openContext(engine: string, engineHost: WorkerFixtures['engineHost'], collector: Collector): Promise<TestContext> {
  const cut = createNetworkCut(collector.apiUrl, collector.siteUrl, collector.writeKey);
  return engineHost.webkit
    ? newWebKitContext(engineHost.webkit, { apiUrl: collector.apiUrl, siteUrl: collector.siteUrl, cut })
    : newPlaywrightContext(engine as 'chromium' | 'firefox', engineHost.browser!, cut);
}

/** The worker's fixtures: its engine (the project's option) and that engine's running browser or driver. */
export interface WorkerFixtures {
  engine: Engine;
  engineHost: { browser?: Browser; webkit?: WebKitServer; missing?: string };
}

// Playwright's own page, context and browser fixtures are Chromium-or-Playwright only: these replace them.
const bare = playwrightTest as unknown as TestType<{ request: APIRequestContext }, object>;

export const test = bare.extend<Omit<Fixtures, 'request'>, WorkerFixtures>({
  engine: ['chromium', { option: true, scope: 'worker' }],
  engineHost: [
    async ({ engine }, use) => {
      const absent = missing(engine);
      if (absent) return use({ missing: absent });
      if (engine === 'webkit') {
        const webkit = await startWebKitServer();
        await use({ webkit });
        return webkit.stop();
      }
      const browser = await launchPlaywright(engine);
      await use({ browser });
      await browser.close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  collector: async ({}, use, testInfo) => {
    const writeKey = `e2e-${testInfo.workerIndex}-${randomUUID().slice(0, 8)}`;
    await use(createCollector(writeKey));
    // Free this test's records and any faults it left behind.
    await fetch(`${requireEnv('TALLY_API_URL')}/__collector/reset?writeKey=${encodeURIComponent(writeKey)}`, { method: 'POST' });
  },
  // A timeout of its own: on a loaded machine a WebKit session took over 30 s to start once, which failed the test it
  // was for before its first line ran. The test keeps its whole timeout for what it does.
  context: [
    async ({ engine, engineHost, collector }, use, testInfo) => {
      testInfo.skip(Boolean(engineHost.missing), `${engine} is not installed: ${engineHost.missing}`);
      const context = await openContext(engine, engineHost, collector);
      await use(context);
      await context.close();
    },
    { timeout: 60_000 },
  ],
  openContext: async ({ engine, engineHost, collector }, use) => {
    const opened: TestContext[] = [];
    const servers: WebKitServer[] = [];
    await use(async () => {
      // WebKit's WebDriver drives one session at a time: another profile needs a driver (and MiniBrowser) of its own.
      let host = engineHost;
      if (engineHost.webkit) {
        const webkit = await startWebKitServer();
        servers.push(webkit);
        host = { webkit };
      }
      const context = await openContext(engine, host, collector);
      opened.push(context);
      return context;
    });
    for (const context of opened) await context.close();
    for (const server of servers) server.stop();
  },
  page: async ({ context }, use) => {
    await use(await context.newPage());
  },
});

/** Load options with no-code rule `events`, flushed every 200 ms so a test sees rule events quickly; `extra` overrides. */
export const withRules = (loadOptions: object, events: object, extra: object = {}) => ({
  ...loadOptions,
  flushInterval: 200,
  events,
  ...extra,
});

/** The texts of a tab's console messages of one type ('pageerror' for uncaught errors), in every engine. */
export async function consoleTexts(page: TestPage, type: ConsoleEntry['type']): Promise<string[]> {
  return (await page.console()).filter((entry) => entry.type === type).map((entry) => entry.text);
}

export { expect, snippetPage };
