// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCookieStore,
  createLocalStore,
  createMemoryStore,
  domainLevels,
  isWorking,
  openIdentityStores,
  type KeyValueStore,
} from '../../src/identity/stores';
import { createIdentity } from '../../src/identity/identity';
import type { CookieConfig } from '../../src/config/config';

const COOKIE: CookieConfig = { maxAgeDays: 365, path: '/', sameSite: 'Lax', secure: false };

/** document.cookie as a raw `name=value` map. */
const rawCookies = () =>
  Object.fromEntries(
    document.cookie
      .split('; ')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );

function clearCookies() {
  for (const name of Object.keys(rawCookies())) document.cookie = `${name}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}

/**
 * A Document stand-in that records each cookie string written, and keeps cookies like a browser on `hostname`:
 * a domain cookie is refused on a public suffix (`co.uk`, `uk`) or a domain the host is not in.
 */
function fakeDocument(hostname: string) {
  const jar = new Map<string, string>();
  const writes: string[] = [];
  const doc = {
    location: { hostname },
    get cookie() {
      return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    },
    set cookie(text: string) {
      writes.push(text);
      const [pair, ...attributes] = text.split('; ');
      const name = pair.slice(0, pair.indexOf('='));
      const domain = attributes.find((a) => a.startsWith('domain='))?.slice(7);
      if (domain && (['co.uk', 'uk'].includes(domain) || !`.${hostname}`.endsWith(`.${domain}`))) return;
      const expires = attributes.find((a) => a.startsWith('expires='));
      if (expires && Date.parse(expires.slice(8)) < Date.now()) jar.delete(name);
      else jar.set(name, pair.slice(name.length + 1));
    },
  };
  return { doc: doc as unknown as Document, writes, jar };
}

beforeEach(() => {
  clearCookies();
  localStorage.clear();
});
afterEach(() => {
  clearCookies();
  localStorage.clear();
});

describe('cookie store', () => {
  it('writes strings raw and reads them back', () => {
    const store = createCookieStore(COOKIE);
    store.set('ajs_anonymous_id', 'abc-123');
    expect(rawCookies().ajs_anonymous_id).toBe('abc-123');
    expect(store.get('ajs_anonymous_id')).toBe('abc-123');
  });

  it('writes objects as JSON with js-cookie’s URI encoding', () => {
    const store = createCookieStore(COOKIE);
    store.set('ajs_user_traits', { name: 'Zoë O', tags: ['a'] });
    // js-cookie keeps { } : [ ] as they are and encodes " space ë ,
    expect(rawCookies().ajs_user_traits).toBe('{%22name%22:%22Zo%C3%AB%20O%22%2C%22tags%22:[%22a%22]}');
    expect(store.get('ajs_user_traits')).toEqual({ name: 'Zoë O', tags: ['a'] });
  });

  it('URI-encodes characters a cookie cannot hold, keeping those js-cookie keeps', () => {
    const store = createCookieStore(COOKIE);
    store.set('k', 'a;b c=d/e@f#g+h');
    expect(rawCookies().k).toBe('a%3Bb%20c=d/e@f#g+h');
    expect(store.get('k')).toBe('a;b c=d/e@f#g+h');
  });

  it.each([
    ['abc', 'abc'],
    ['%22abc%22', 'abc'], // analytics.js classic: JSON-quoted and URI-encoded
    ['"abc"', 'abc'],
    ['123', 123],
    ['%7B%22id%22%3A%22u1%22%7D', { id: 'u1' }],
    ['bad%ZZescape', 'bad%ZZescape'], // not URI-decodable: kept as written
  ])('reads a cookie written as %s', (raw, value) => {
    document.cookie = `ajs_user_id=${raw}; path=/`;
    expect(createCookieStore(COOKIE).get('ajs_user_id')).toEqual(value);
  });

  it('reads null for a missing cookie, and does not match a cookie whose name only starts the same', () => {
    document.cookie = 'ajs_user_id_old=x; path=/';
    expect(createCookieStore(COOKIE).get('ajs_user_id')).toBeNull();
  });

  it('removes a cookie on null', () => {
    const store = createCookieStore(COOKIE);
    store.set('k', 'v');
    store.set('k', null);
    expect(store.get('k')).toBeNull();
    expect('k' in rawCookies()).toBe(false);
  });

  it('writes path, domain, expiry in days, SameSite and Secure', () => {
    const { doc, writes } = fakeDocument('shop.test');
    const before = Date.now();
    createCookieStore({ domain: 'shop.test', maxAgeDays: 30, path: '/app', sameSite: 'Strict', secure: true }, doc).set('k', 'v');
    const [pair, ...attributes] = writes[0].split('; ');
    expect(pair).toBe('k=v');
    expect(attributes.filter((a) => !a.startsWith('expires='))).toEqual(['path=/app', 'domain=shop.test', 'SameSite=Strict', 'Secure']);
    const expires = Date.parse(attributes.find((a) => a.startsWith('expires='))!.slice(8));
    expect(Math.abs(expires - (before + 30 * 86_400_000))).toBeLessThan(2000);
  });

  it('SameSite=None always adds Secure; Lax without secure has none', () => {
    const none = fakeDocument('shop.test');
    createCookieStore({ ...COOKIE, domain: 'shop.test', sameSite: 'None' }, none.doc).set('k', 'v');
    expect(none.writes[0]).toMatch(/; SameSite=None; Secure$/);
    const lax = fakeDocument('shop.test');
    createCookieStore({ ...COOKIE, domain: 'shop.test' }, lax.doc).set('k', 'v');
    expect(lax.writes[0]).toMatch(/; SameSite=Lax$/);
  });

  it('finds the widest domain the browser accepts (sub.example.co.uk → example.co.uk) and removes its probe', () => {
    const { doc, writes, jar } = fakeDocument('sub.example.co.uk');
    const store = createCookieStore(COOKIE, doc);
    store.set('k', 'v');
    expect(writes.at(-1)).toContain('; domain=example.co.uk;');
    // What a same-origin edge is told, so it extends this cookie and not a second one.
    expect(store.domain).toBe('example.co.uk');
    expect(writes.some((w) => w.startsWith('tally_probe=') && w.includes('; domain=co.uk;'))).toBe(true);
    expect(jar.has('tally_probe')).toBe(false);
    expect(jar.get('k')).toBe('v');
  });

  it('sets no domain on localhost or an IP address', () => {
    for (const host of ['localhost', '127.0.0.1']) {
      const { doc, writes } = fakeDocument(host);
      const store = createCookieStore(COOKIE, doc);
      store.set('k', 'v');
      expect(store.domain).toBeUndefined();
      expect(writes).toHaveLength(1);
      expect(writes[0]).not.toContain('domain=');
    }
  });
});

describe('domainLevels', () => {
  it.each([
    ['sub.example.co.uk', ['co.uk', 'example.co.uk', 'sub.example.co.uk']],
    ['a.b.example.com', ['example.com', 'b.example.com', 'a.b.example.com']],
    ['example.com', ['example.com']],
    ['localhost', []],
    ['127.0.0.1', []],
    ['10.0.0.255', []],
    ['::1', []],
    ['', []],
  ])('%s → %j', (host, levels) => {
    expect(domainLevels(host)).toEqual(levels);
  });
});

describe('localStorage store', () => {
  it('keeps JSON: a string keeps its quotes', () => {
    const store = createLocalStore(localStorage);
    store.set('ajs_anonymous_id', 'abc');
    store.set('ajs_user_traits', { plan: 'pro' });
    expect(localStorage.getItem('ajs_anonymous_id')).toBe('"abc"');
    expect(localStorage.getItem('ajs_user_traits')).toBe('{"plan":"pro"}');
    expect(store.get('ajs_anonymous_id')).toBe('abc');
    expect(store.get('ajs_user_traits')).toEqual({ plan: 'pro' });
  });

  it('reads a value that is not JSON as the raw string, and null when absent', () => {
    localStorage.setItem('ajs_user_id', 'raw-id');
    const store = createLocalStore(localStorage);
    expect(store.get('ajs_user_id')).toBe('raw-id');
    expect(store.get('missing')).toBeNull();
  });

  it('removes the key on null', () => {
    const store = createLocalStore(localStorage);
    store.set('k', 'v');
    store.set('k', null);
    expect(localStorage.getItem('k')).toBeNull();
  });
});

describe('memory store', () => {
  it('keeps values as given and removes them on null or undefined', () => {
    const store = createMemoryStore();
    const traits = { a: 1 };
    store.set('t', traits);
    expect(store.get('t')).toBe(traits);
    store.set('t', undefined);
    expect(store.get('t')).toBeNull();
  });
});

describe('ids written by analytics.js', () => {
  it('reads "abc" from localStorage and abc or %22abc%22 from the cookie as abc', () => {
    localStorage.setItem('ajs_anonymous_id', '"from-local"');
    document.cookie = 'ajs_user_id=%22user-1%22; path=/';
    document.cookie = 'ajs_group_id=group-1; path=/';
    const stores = openIdentityStores(COOKIE);
    const identity = createIdentity(stores.ids, stores.traits);
    expect(identity.anonymousId()).toBe('from-local');
    expect(identity.userId()).toBe('user-1');
    expect(identity.current().groupId).toBe('group-1');
    // Synced the way analytics.js would write them back.
    expect(rawCookies().ajs_anonymous_id).toBe('from-local');
    expect(localStorage.getItem('ajs_user_id')).toBe('"user-1"');
  });
});

describe('openIdentityStores', () => {
  it('uses cookie, localStorage, memory for ids and localStorage, memory for traits', () => {
    const stores = openIdentityStores(COOKIE);
    expect(stores.ids.map((s) => s.name)).toEqual(['cookie', 'localStorage', 'memory']);
    expect(stores.traits.map((s) => s.name)).toEqual(['localStorage', 'memory']);
    expect('tally_probe' in rawCookies()).toBe(false);
    expect(localStorage.getItem('tally_probe')).toBeNull();
  });

  it('falls back to memory when localStorage throws', () => {
    const original = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    try {
      const stores = openIdentityStores(COOKIE);
      expect(stores.ids.map((s) => s.name)).toEqual(['cookie', 'memory']);
      expect(stores.traits.map((s) => s.name)).toEqual(['memory']);
    } finally {
      Object.defineProperty(window, 'localStorage', original);
    }
  });

  it('skips localStorage whose writes throw (quota, Safari private mode)', () => {
    const original = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    const full = {
      getItem: () => null,
      removeItem: () => {},
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    Object.defineProperty(window, 'localStorage', { configurable: true, get: () => full });
    try {
      expect(openIdentityStores(COOKIE).traits.map((s) => s.name)).toEqual(['memory']);
    } finally {
      Object.defineProperty(window, 'localStorage', original);
    }
  });

  it('skips cookies when document.cookie throws', () => {
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => {
        throw new Error('sandboxed');
      },
      set: () => {
        throw new Error('sandboxed');
      },
    });
    try {
      expect(openIdentityStores(COOKIE).ids.map((s) => s.name)).toEqual(['localStorage', 'memory']);
    } finally {
      delete (document as unknown as Record<string, unknown>).cookie;
    }
  });
});

describe('isWorking', () => {
  it('is false for a store that silently drops writes, true for memory', () => {
    const dropping: KeyValueStore = { name: 'x', get: () => null, set: () => {} };
    expect(isWorking(dropping)).toBe(false);
    expect(isWorking(createMemoryStore())).toBe(true);
  });
});
