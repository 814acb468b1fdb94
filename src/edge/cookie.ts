// The first-party identity cookie. Safari caps cookies written by JavaScript at 7 days (ITP), not those an HTTP response
// sets from the site's own servers, so the edge re-sets the `ajs_anonymous_id` cookie the SDK wrote, from its own
// response, for a year. It only ever extends a cookie the browser sent (the SDK writes none without consent, or when
// cookies are blocked), never creates one, and does it at most once a day per visitor: a marker cookie holding the id it
// refreshed lasts a day (a new id, after reset() or a new user, is refreshed at once). Only a value shaped like an id the
// SDK writes is written back: anything else a client sends would be echoed into the edge's response headers.

/** The cookie analytics.js and tally keep the anonymousId in. */
export const ANONYMOUS_ID_COOKIE = 'ajs_anonymous_id';
/** The id the edge last refreshed, for a day. */
export const REFRESHED_COOKIE = 'tally_edge_refreshed';
/**
 * The domain the SDK writes its identity cookies on (its `cookie.domain` option, or the widest domain that keeps a
 * cookie, found in the browser): sent to a same-origin edge, so both write one cookie, never two of the same name.
 */
export const COOKIE_DOMAIN_HEADER = 'x-tally-cookie-domain';
/**
 * An anonymousId as tally and analytics.js write it: a UUID, raw or JSON-quoted (`"…"`, URI-encoded by js-cookie as
 * `%22…%22`).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const YEAR_SECONDS = 365 * 24 * 3600;
const DAY_SECONDS = 24 * 3600;

/**
 * The cookies of a `Cookie` header by name, values as sent (the edge writes them back byte for byte, so the SDK reads
 * its own encoding). Of two cookies with one name the first wins, as in the SDK, which reads document.cookie in the
 * same order.
 */
export function readCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    const name = part.slice(0, at).trim();
    if (at > 0 && !cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}

/** Where and how the cookies are set. */
export interface CookieTarget {
  /** The page is on https: the cookies are `Secure`. */
  secure: boolean;
  /** The `Domain` attribute, or undefined for a host-only cookie. */
  domain?: string;
}

/** Whether a cookie value looks like an anonymousId the SDK wrote. */
export function isSdkId(value: string): boolean {
  for (const quote of ['"', '%22']) {
    if (value.startsWith(quote) && value.endsWith(quote)) return UUID.test(value.slice(quote.length, -quote.length));
  }
  return UUID.test(value);
}

/**
 * The `Set-Cookie` values that extend the visitor's anonymousId cookie for a year, or none when there is no such cookie,
 * it does not look like an id the SDK writes, or this id was refreshed within the day. `SameSite=Lax`, `Path=/`, readable by the SDK (no HttpOnly).
 */
export function refreshCookies(cookies: Map<string, string>, { secure, domain }: CookieTarget): string[] {
  const anonymousId = cookies.get(ANONYMOUS_ID_COOKIE);
  if (!anonymousId || !isSdkId(anonymousId) || cookies.get(REFRESHED_COOKIE) === anonymousId) return [];
  const attributes = `; Path=/; SameSite=Lax${secure ? '; Secure' : ''}${domain ? `; Domain=${domain}` : ''}`;
  return [
    `${ANONYMOUS_ID_COOKIE}=${anonymousId}; Max-Age=${YEAR_SECONDS}${attributes}`,
    `${REFRESHED_COOKIE}=${anonymousId}; Max-Age=${DAY_SECONDS}${attributes}`,
  ];
}

/**
 * The cookie domain: the edge's `cookieDomain` option, else the one the SDK names in its header when it is `pageHost`
 * or a parent of it (a browser refuses any other, and the refresh with it), else none (host-only).
 */
export function cookieDomain(request: Request, pageHost: string, configured?: string): string | undefined {
  if (configured) return configured;
  const named = request.headers.get(COOKIE_DOMAIN_HEADER)?.trim().toLowerCase();
  if (!named || !/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(named)) return undefined;
  const bare = named.replace(/^\./, '');
  return pageHost === bare || pageHost.endsWith('.' + bare) ? named : undefined;
}
