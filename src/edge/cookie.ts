// The first-party identity cookie: Safari caps cookies written by JavaScript at 7 days, not those a server sets, so the
// edge re-sets `ajs_anonymous_id` from its own response, at most once a day per visitor (a marker cookie says when).

/** The cookie analytics.js and tally keep the anonymousId in. */
export const ANONYMOUS_ID_COOKIE = 'ajs_anonymous_id';
/** Present while the edge refreshed the id less than a day ago. */
export const REFRESHED_COOKIE = 'tally_edge_refreshed';
const YEAR_SECONDS = 365 * 24 * 3600;
const DAY_SECONDS = 24 * 3600;

/** The cookies of a `Cookie` header, by name (values decoded). */
export function readCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    const raw = part.slice(at + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

/**
 * The `Set-Cookie` values that refresh the visitor's anonymousId for a year, or none when it was refreshed within the day
 * (or there is no id). Secure on https, SameSite=Lax, the SDK's cookie domain when given.
 */
export function refreshCookies(cookies: Map<string, string>, anonymousId: string | undefined, secure: boolean, domain?: string): string[] {
  if (!anonymousId || cookies.has(REFRESHED_COOKIE)) return [];
  const attributes = `; Path=/; SameSite=Lax${secure ? '; Secure' : ''}${domain ? `; Domain=${domain}` : ''}`;
  return [
    `${ANONYMOUS_ID_COOKIE}=${encodeURIComponent(anonymousId)}; Max-Age=${YEAR_SECONDS}${attributes}`,
    `${REFRESHED_COOKIE}=1; Max-Age=${DAY_SECONDS}${attributes}`,
  ];
}
