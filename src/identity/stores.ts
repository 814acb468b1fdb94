// Touches document.cookie and localStorage: the key-value stores behind identity, with analytics.js's encodings.
import { attempt } from '../errors';
import type { CookieConfig } from '../config/config';

/** One place identity can be kept. Values are strings or JSON objects; null removes the key. */
export interface KeyValueStore {
  readonly name: string;
  /** A cookie store's Domain attribute (undefined: host-only cookies); a same-origin edge is told it. */
  readonly domain?: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** analytics.js keeps JSON in localStorage: a string keeps its quotes (`"abc"`). */
export function createLocalStore(storage: Storage): KeyValueStore {
  return {
    name: 'localStorage',
    get: (key) => parse(storage.getItem(key)),
    set(key, value) {
      if (value == null) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(value));
    },
  };
}

/** A store in memory: the last fallback, and the only one in tests. */
export function createMemoryStore(): KeyValueStore {
  const values = new Map<string, unknown>();
  return {
    name: 'memory',
    // A removed key (set to null or undefined) and a missing one both read as null.
    get: (key) => values.get(key) ?? null,
    set: (key, value) => values.set(key, value),
  };
}

/**
 * Cookies as analytics.js writes them (through js-cookie): strings raw, objects as JSON, URI-encoded.
 * Without `options.domain`, on the widest domain that keeps a cookie, found as analytics.js finds it: try
 * `example.com`, then `shop.example.com`, ...; none on localhost and IP addresses.
 */
export function createCookieStore(options: CookieConfig, doc: Document = document): KeyValueStore {
  const { path, sameSite, maxAgeDays, secure } = options;
  const onDomain = (domain?: string): KeyValueStore => ({
    name: 'cookie',
    domain,
    get: (key) => {
      const pair = doc.cookie.split('; ').find((pair) => pair.startsWith(key + '='));
      const value = pair?.slice(key.length + 1);
      return parse(value && attempt(() => decodeURIComponent(value), value));
    },
    // null removes the cookie: an empty value that expired yesterday.
    set: (key, value) => {
      const remove = value == null;
      doc.cookie =
        `${key}=${remove ? '' : encodeCookieValue(typeof value === 'string' ? value : JSON.stringify(value))}; path=${path}` +
        (domain ? `; domain=${domain}` : '') +
        `; expires=${new Date(Date.now() + (remove ? -1 : maxAgeDays) * 86_400_000).toUTCString()}; SameSite=${sameSite}` +
        (secure || sameSite === 'None' ? '; Secure' : '');
    },
  });
  // The configured domain; else the widest one that keeps a cookie; else none (the page's own host).
  return onDomain(options.domain ?? domainLevels(doc.location.hostname).find((domain) => isWorking(onDomain(domain))));
}

/** js-cookie's encoding: URI-encode, but keep the characters cookies allow as they are. */
function encodeCookieValue(value: string): string {
  return encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent);
}

/** A value as a store holds it: JSON, or the raw text when it is not JSON; null when there is none. */
function parse(text: string | null | undefined): unknown {
  return text == null ? null : attempt(() => JSON.parse(text), text);
}

/** `a.b.example.com` → `['example.com', 'b.example.com', 'a.b.example.com']`; none for IPs and single labels. */
export function domainLevels(hostname: string): string[] {
  const labels = hostname.split('.');
  if (labels.length < 2 || /\.\d+$|:/.test(hostname)) return [];
  // The last two labels, then the last three, ... up to the whole name.
  return labels.slice(1).map((_, i) => labels.slice(-2 - i).join('.'));
}

/** Whether a store really keeps what is written to it (cookies and storage can be blocked or throw). */
export function isWorking(store: KeyValueStore): boolean {
  return attempt(() => {
    // Not JSON, so every store reads it back as the same string.
    const probe = 'tally_probe' + Math.random();
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
  const working = (open: () => KeyValueStore) => attempt(() => [open()].filter(isWorking), []);
  const cookies = working(() => createCookieStore(cookie));
  const local = working(() => createLocalStore(localStorage));
  return { ids: [...cookies, ...local, memory], traits: [...local, memory] };
}
