// Cross-domain identity, the pure part: a link to a listed domain carries the visitor's anonymousId (analytics.js's
// `ajs_aid`) and the click's time (`tally_ts`); the landing page adopts the id only while that time is recent.

/** The query parameter that carries the click's time (ms since the epoch) beside `ajs_aid`. */
export const TIMESTAMP_PARAM = 'tally_ts';
/** How long after the click a landing adopts the id: a link copied and shared later must not merge two people. */
export const CROSS_DOMAIN_MAX_AGE_MS = 2 * 60 * 1000;

/** Whether `hostname` is one of `domains` or a subdomain of one. */
export const isListedHost = (hostname: string, domains: readonly string[]): boolean =>
  domains.some((domain) => hostname === domain || hostname.endsWith('.' + domain));

/**
 * The href with `ajs_aid` and `tally_ts` set, for an http(s) link to a listed domain other than the page's own host;
 * undefined for any other link (left as it is).
 * @example decorateHref('https://app.example.com/x', 'https://www.example.org/', ['app.example.com'], 'anon', 1000) // 'https://app.example.com/x?ajs_aid=anon&tally_ts=1000'
 */
export function decorateHref(href: string, base: string, domains: readonly string[], anonymousId: string, now: number): string | undefined {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol) || url.host === new URL(base).host || !isListedHost(url.hostname, domains)) return undefined;
  url.searchParams.set('ajs_aid', anonymousId);
  url.searchParams.set(TIMESTAMP_PARAM, String(now));
  return url.href;
}

/** What a landing URL's query asks: the id to adopt (when its click is recent) and the query without both parameters. */
export interface Landing {
  anonymousId?: string;
  /** The query string (`?…` or '') without `ajs_aid` and `tally_ts`. */
  search: string;
}

/**
 * Reads a cross-domain landing: undefined unless the query carries `tally_ts` (a plain `ajs_aid` is analytics.js's query
 * string API, left to it). The id is adopted only when the click was at most two minutes away (either side: a clock set
 * back in between).
 * @example readLanding('?ajs_aid=anon&tally_ts=1000&q=1', 2000) // { anonymousId: 'anon', search: '?q=1' }
 */
export function readLanding(search: string, now: number): Landing | undefined {
  const params = new URLSearchParams(search);
  const stamp = params.get(TIMESTAMP_PARAM);
  if (stamp === null) return undefined;
  const id = params.get('ajs_aid');
  const age = now - Number(stamp);
  params.delete('ajs_aid');
  params.delete(TIMESTAMP_PARAM);
  const rest = params.toString();
  const landing: Landing = { search: rest ? '?' + rest : '' };
  if (id && age >= -CROSS_DOMAIN_MAX_AGE_MS && age <= CROSS_DOMAIN_MAX_AGE_MS) landing.anonymousId = id;
  return landing;
}
