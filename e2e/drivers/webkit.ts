// The page API over WebKitGTK's WebDriver (classic, driven by webdriverio): MiniBrowser in automation mode on a virtual
// display. WebKitWebDriver runs one session at a time, so each worker starts its own; each test gets a new session (a new
// MiniBrowser with its own storage). Classic WebDriver has no init scripts, console events or network emulation: the
// collector adds this session's scripts to every page it serves (console hook, init scripts, simulated offline state).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { remote } from 'webdriverio';
import { WEBKIT_DRIVER, XVFB, miniBrowserPath } from './engines';
import { CONSOLE_KEY, asStatement, consoleHook, readConsole, readElements, setSimulatedOnline } from './page-hooks';
import type { ConsoleEntry, PageFunction, TestContext, TestPage } from './types';
import type { NetworkCut } from './network';

type Session = Awaited<ReturnType<typeof remote>>;

/** One worker's WebKitWebDriver (and the Xvfb display MiniBrowser draws on). */
export interface WebKitServer {
  port: number;
  version?: string;
  stop(): void;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Starts Xvfb on a free display (unless one is set) and WebKitWebDriver on a free port. */
export async function startWebKitServer(): Promise<WebKitServer> {
  const children: ChildProcess[] = [];
  const stop = () => children.forEach((child) => child.exitCode === null && child.kill());
  let display = process.env.DISPLAY;
  if (!display) {
    // -displayfd: Xvfb picks a free display and writes its number once it accepts connections.
    const xvfb = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    children.push(xvfb);
    display = await new Promise<string>((resolve, reject) => {
      let text = '';
      xvfb.stdio[3]!.on('data', (chunk) => {
        text += chunk;
        if (text.includes('\n')) resolve(`:${text.trim()}`);
      });
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before opening a display`)));
    });
  }
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
  children.push(driver);
  // Ready once the port answers.
  for (let tries = 0; ; tries++) {
    const up = await fetch(`http://127.0.0.1:${port}/status`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (tries > 100 || driver.exitCode !== null) {
      stop();
      throw new Error(`WebKitWebDriver did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, stop };
}

/** What a WebKit context needs from the test: the collector's control API and this test's network cut. */
export interface WebKitContextInputs {
  apiUrl: string;
  siteUrl: string;
  cut: NetworkCut;
}

/** Opens a session (a fresh MiniBrowser) and registers it with the collector, which then adds its scripts to every page. */
export async function newWebKitContext(server: WebKitServer, { apiUrl, siteUrl, cut }: WebKitContextInputs): Promise<TestContext> {
  const session: Session = await remote({
    hostname: '127.0.0.1',
    port: server.port,
    logLevel: 'silent',
    connectionRetryCount: 1,
    capabilities: {
      browserName: 'MiniBrowser',
      // WebKitWebDriver refuses webSocketUrl (BiDi), which webdriverio asks for by default.
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: miniBrowserPath()!, args: ['--automation'] },
    } as WebdriverIO.Capabilities,
  });
  server.version ??= (session.capabilities as { browserVersion?: string }).browserVersion;
  const id = randomUUID();
  const initScripts: string[] = [];
  let online = true;
  const publish = () =>
    fetch(`${apiUrl}/__collector/sessions`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        scripts: [asStatement(consoleHook, CONSOLE_KEY), ...initScripts, asStatement(setSimulatedOnline, { online, fire: false })],
      }),
    }).then((response) => {
      if (!response.ok) throw new Error(`collector refused session ${id}: ${response.status}`);
    });
  await publish();
  await session.url(`${siteUrl}/__session/${id}`);

  // One WebDriver command at a time, each in its tab's window.
  let chain: Promise<unknown> = Promise.resolve();
  let current = await session.getWindowHandle();
  const inWindow = <T>(handle: string, command: () => Promise<T>): Promise<T> => {
    const next = chain.then(async () => {
      if (current !== handle) {
        await session.switchToWindow(handle);
        current = handle;
      }
      return command();
    });
    chain = next.catch(() => undefined);
    return next;
  };

  const pages: TestPage[] = [];
  let initialFree = true;
  const context: TestContext = {
    engine: 'webkit',
    async newPage() {
      let handle = current;
      if (initialFree) initialFree = false;
      else handle = (await inWindow(current, () => session.createWindow('tab'))).handle;
      const page = createPage(handle);
      pages.push(page);
      return page;
    },
    pages: () => [...pages],
    async addInitScript(fn, arg) {
      initScripts.push(asStatement(fn, arg));
      await publish();
    },
    async addCookies(cookies) {
      // WebDriver sets cookies on the current document's host: the session page is on the site origin.
      for (const { name, value, url } of cookies) {
        if (new URL(url).origin !== new URL(siteUrl).origin) throw new Error(`webkit driver: cookies only for ${siteUrl}`);
        await inWindow(current, () => session.setCookies({ name, value, path: '/' }));
      }
    },
    async cookies() {
      const all = await inWindow(current, () => session.getAllCookies());
      return all.map(({ name, value, expiry }) => ({ name, value, expires: expiry ?? -1 }));
    },
    async setOffline(offline) {
      online = !offline;
      await cut.set(offline);
      await publish();
      for (const page of pages) await page.evaluate(setSimulatedOnline, { online, fire: true }).catch(() => {});
      return 'simulated';
    },
    async close() {
      await session.deleteSession().catch(() => {});
      await fetch(`${apiUrl}/__collector/sessions?id=${id}`, { method: 'DELETE' }).catch(() => {});
    },
  };

  function createPage(handle: string): TestPage {
    const run = <T>(command: () => Promise<T>) => inWindow(handle, command);
    const evaluate = <R, A>(fn: PageFunction<A, R>, arg?: A) =>
      run(() => session.execute(fn as (...args: unknown[]) => R, arg) as Promise<R>).then((value) =>
        value === null ? (undefined as R) : value,
      );
    // Each ` >>> ` part is looked up in the shadow root of the element found so far; `:visible` keeps displayed ones.
    const element = async (selector: string): Promise<WebdriverIO.Element> => {
      const parts = selector.split('>>>').map((part) => part.trim());
      let found: WebdriverIO.Element | undefined;
      for (const part of parts) {
        const onlyVisible = part.endsWith(':visible');
        const css = onlyVisible ? part.slice(0, -':visible'.length) : part;
        const scope: WebdriverIO.Element | undefined = found;
        if (onlyVisible) {
          const candidates = scope ? await scope.shadow$$(css).getElements() : await session.$$(css).getElements();
          found = await candidates.find((candidate) => candidate.isDisplayed());
        } else {
          found = scope ? await scope.shadow$(css).getElement() : await session.$(css).getElement();
        }
        if (!found) throw new Error(`webkit: no element matches ${selector}`);
      }
      await found!.waitForExist({ timeout: 5000 });
      return found!;
    };
    const poll = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeout: number, what: string): Promise<T> => {
      const deadline = Date.now() + timeout;
      for (;;) {
        const value = await read();
        if (done(value)) return value;
        if (Date.now() > deadline) throw new Error(`webkit: timed out after ${timeout} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const page: TestPage = {
      engine: 'webkit',
      goto: (url) => run(() => session.url(url)).then(() => undefined),
      reload: () => run(() => session.refresh()),
      goBack: () => run(() => session.back()),
      goForward: () => run(() => session.forward()),
      url: () => run(() => session.getUrl()),
      evaluate,
      waitForFunction: <R, A>(fn: PageFunction<A, R>, arg?: A, { timeout = 30_000 } = {}) =>
        poll(() => evaluate(fn, arg).catch(() => undefined as R), Boolean, timeout, fn.toString().slice(0, 80)),
      async waitForURL(url, { timeout = 30_000 } = {}) {
        const matches = (href: string) => (typeof url === 'string' ? href === url : url(new URL(href)));
        await poll(() => run(() => session.getUrl()), matches, timeout, `URL ${url}`);
      },
      click: (selector) => run(async () => (await element(selector)).click()),
      hover: (selector) => run(async () => (await element(selector)).moveTo()),
      fill: (selector, value) => run(async () => (await element(selector)).setValue(value)),
      texts: (selector) => evaluate(readElements, { selector, read: 'text' }) as Promise<string[]>,
      text: async (selector) => ((await evaluate(readElements, { selector, read: 'text' })) as string[])[0] ?? null,
      count: async (selector) => (await evaluate(readElements, { selector, read: 'text' })).length,
      isVisible: async (selector) => (await evaluate(readElements, { selector, read: 'visible' }))[0] === true,
      content: () => run(() => session.getPageSource()),
      console: () => evaluate(readConsole, CONSOLE_KEY) as Promise<ConsoleEntry[]>,
      waitForTimeout: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      async close() {
        // Closing the session's last window ends the WebDriver session: open a blank tab first, for the next newPage().
        const spare = pages.length === 1 ? (await run(() => session.createWindow('tab'))).handle : undefined;
        await run(() => session.closeWindow());
        pages.splice(pages.indexOf(page), 1);
        current = '';
        if (!spare) return;
        await session.switchToWindow(spare);
        current = spare;
        initialFree = true;
      },
    };
    return page;
  }
  return context;
}
