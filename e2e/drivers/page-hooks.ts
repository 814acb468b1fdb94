// In-page scripts the drivers add where an engine lacks a feature: console capture (WebKit over WebDriver classic has no
// console events) and a simulated offline state (navigator.onLine and the online/offline events, where the engine has no
// network emulation or cannot serve pages while emulating it). Each is a plain function, run in the page as its source.

/** Where the console hook keeps what it saw: per tab, across the tab's navigations on the site origin. */
export const CONSOLE_KEY = '__e2e_console';

/** Records console calls and uncaught errors in sessionStorage (in memory where storage is denied). */
export function consoleHook(key: string): void {
  const w = window as any;
  if (w.__e2eConsoleHooked) return;
  w.__e2eConsoleHooked = true;
  const memory: Array<{ type: string; text: string }> = [];
  w.__e2eConsole = memory;
  const save = (type: string, text: string) => {
    try {
      const list = JSON.parse(sessionStorage.getItem(key) || '[]');
      list.push({ type, text });
      sessionStorage.setItem(key, JSON.stringify(list));
    } catch {
      memory.push({ type, text });
    }
  };
  const format = (value: unknown) => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value);
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  };
  const methods: Array<[keyof Console, string]> = [
    ['log', 'log'],
    ['debug', 'debug'],
    ['info', 'info'],
    ['warn', 'warning'],
    ['error', 'error'],
  ];
  for (const [method, type] of methods) {
    const original = console[method] as (...args: unknown[]) => void;
    (console as any)[method] = function (this: Console, ...args: unknown[]) {
      save(type, args.map(format).join(' '));
      return original.apply(this, args);
    };
  }
  addEventListener('error', (event) => {
    if (event instanceof ErrorEvent) save('pageerror', event.error?.message ?? event.message);
  });
  addEventListener('unhandledrejection', (event) => save('pageerror', event.reason?.message ?? String(event.reason)));
}

/** What the console hook saw in this tab (run in the page). */
export function readConsole(key: string): Array<{ type: string; text: string }> {
  try {
    const stored = JSON.parse(sessionStorage.getItem(key) || '[]');
    return stored.concat((window as any).__e2eConsole ?? []);
  } catch {
    return (window as any).__e2eConsole ?? [];
  }
}

/**
 * Sets the simulated network state of this document: navigator.onLine reads `online`; with `fire`, the online/offline
 * event is dispatched when the state changes (a document loaded while offline starts offline without an event).
 */
export function setSimulatedOnline({ online, fire }: { online: boolean; fire: boolean }): void {
  const w = window as any;
  w.__e2eNetwork ??= { online: true };
  const state = w.__e2eNetwork;
  if (!state.patched) {
    state.patched = true;
    Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => w.__e2eNetwork.online });
  }
  const changed = state.online !== online;
  state.online = online;
  if (changed && fire) dispatchEvent(new Event(online ? 'online' : 'offline'));
}

/** A function and its argument as a statement that runs it. */
export const asStatement = <Arg>(fn: (arg: Arg) => unknown, arg?: Arg): string =>
  `(${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)});`;

/** A selector and what to read of the elements it matches. */
export interface ElementQuery {
  selector: string;
  read: 'text' | 'visible';
}

/**
 * The elements matching a selector (CSS; ` >>> ` steps into shadow roots; a part may end in `:visible`), read as their
 * texts (whitespace collapsed) or as whether each is visible. Run in the page.
 */
export function readElements({ selector, read }: ElementQuery): Array<string | boolean> {
  const visible = (element: Element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
  const parts = selector.split('>>>').map((part) => part.trim());
  let roots: ParentNode[] = [document];
  let found: Element[] = [];
  parts.forEach((part, index) => {
    const onlyVisible = part.endsWith(':visible');
    const css = onlyVisible ? part.slice(0, -':visible'.length) : part;
    found = roots.flatMap((root) => [...root.querySelectorAll(css)]).filter((element) => !onlyVisible || visible(element));
    if (index < parts.length - 1) roots = found.flatMap((element) => (element.shadowRoot ? [element.shadowRoot] : []));
  });
  return found.map((element) => (read === 'text' ? (element.textContent ?? '').replace(/\s+/g, ' ').trim() : visible(element)));
}
