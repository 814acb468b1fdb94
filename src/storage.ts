// Touches document.cookie and localStorage: the key-value stores behind identity, with analytics.js's encodings.
import { attempt } from './errors';
import type { CookieConfig } from './config';

/** One place identity can be kept. Values are strings or JSON objects; null removes the key. */
export interface KeyValueStore {
  readonly name: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** analytics.js keeps JSON in localStorage: a string keeps its quotes (`"abc"`). */
export function createLocalStore(storage: Storage): KeyValueStore {
  return {
    name: 'localStorage',
    get: (key) => parse(storage.getItem(key)),
    set: (key, value) => (value === null || value === undefined ? storage.removeItem(key) : storage.setItem(key, JSON.stringify(value))),
  };
}

/** A store in memory: the last fallback, and the only one in tests. */
export function createMemoryStore(): KeyValueStore {
  const values = new Map<string, unknown>();
  return {
    name: 'memory',
    get: (key) => (values.has(key) ? values.get(key) : null),
    set: (key, value) => (value === null || value === undefined ? values.delete(key) : values.set(key, value)),
  };
}

/** Cookies as analytics.js writes them (through js-cookie): strings raw, objects as JSON, URI-encoded. */
export function createCookieStore(options: CookieConfig, doc: Document = document): KeyValueStore {
  const domain = options.domain ?? topLevelDomain(doc);
  const attributes = (maxAgeDays: number) =>
    `; path=${options.path}` +
    (domain ? `; domain=${domain}` : '') +
    `; expires=${new Date(Date.now() + maxAgeDays * 86_400_000).toUTCString()}` +
    `; SameSite=${options.sameSite}` +
    (options.secure || options.sameSite === 'None' ? '; Secure' : '');
  return {
    name: 'cookie',
    get: (key) => parse(readCookie(doc, key)),
    set: (key, value) => {
      if (value === null || value === undefined) doc.cookie = `${key}=${attributes(-1)}`;
      else doc.cookie = `${key}=${encodeCookieValue(typeof value === 'string' ? value : JSON.stringify(value))}${attributes(options.maxAgeDays)}`;
    },
  };
}

/** js-cookie's encoding: URI-encode, but keep the characters cookies allow as they are. */
function encodeCookieValue(value: string): string {
  return encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent);
}

function readCookie(doc: Document, key: string): string | null {
  for (const pair of doc.cookie ? doc.cookie.split('; ') : []) {
    const equals = pair.indexOf('=');
    if (pair.slice(0, equals) !== key) continue;
    const value = pair.slice(equals + 1);
    return attempt(() => decodeURIComponent(value), value);
  }
  return null;
}

function parse(text: string | null): unknown {
  return text === null ? null : attempt(() => JSON.parse(text), text);
}

/**
 * The widest domain a cookie can be set on, found as analytics.js does: try a probe cookie on
 * `example.com`, then `shop.example.com`, ... Returns undefined for localhost and IP addresses.
 */
export function topLevelDomain(doc: Document): string | undefined {
  for (const domain of domainLevels(doc.location.hostname)) {
    doc.cookie = `__tld__=1; path=/; domain=${domain}`;
    if (readCookie(doc, '__tld__') !== null) {
      doc.cookie = `__tld__=; path=/; domain=${domain}; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
      return domain;
    }
  }
  return undefined;
}

/** `a.b.example.com` → `['example.com', 'b.example.com', 'a.b.example.com']`; none for IPs and single labels. */
export function domainLevels(hostname: string): string[] {
  const parts = hostname.split('.');
  if (parts.length <= 1 || /^\d+$/.test(parts[parts.length - 1]) || hostname.includes(':')) return [];
  const levels: string[] = [];
  for (let i = parts.length - 2; i >= 0; i--) levels.push(parts.slice(i).join('.'));
  return levels;
}

/** Whether a store really keeps what is written to it (cookies and storage can be blocked or throw). */
export function isWorking(store: KeyValueStore): boolean {
  return attempt(() => {
    const probe = `tally.probe.${Math.random()}`;
    store.set('tally_probe', probe);
    const works = store.get('tally_probe') === probe;
    store.set('tally_probe', null);
    return works;
  }, false);
}

/**
 * The stores identity uses, in read order, skipping any that is blocked: ids in cookie, then localStorage
 * (cookie first, so subdomains share one id; analytics-next reads localStorage first, its issue #706), then memory;
 * traits in localStorage, then memory (analytics.js never puts traits in cookies).
 */
export function openIdentityStores(cookie: CookieConfig): { ids: KeyValueStore[]; traits: KeyValueStore[] } {
  const memory = createMemoryStore();
  const cookies = attempt(() => createCookieStore(cookie));
  const local = attempt(() => createLocalStore(window.localStorage));
  const working = [cookies, local].filter((store): store is KeyValueStore => !!store && isWorking(store));
  return {
    ids: [...working, memory],
    traits: [...working.filter((store) => store.name !== 'cookie'), memory],
  };
}
