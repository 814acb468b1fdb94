// Where a request comes from: the page's own origin (no CORS, cookies) or another one (checked against allowedOrigins).
// Behind a proxy the edge's request URL is not the one the browser used (http://127.0.0.1:8790/t/... for
// https://shop.example/t/...), so the edge's own origin is read from X-Forwarded-Proto and X-Forwarded-Host when a proxy
// sets them, and a browser's `Sec-Fetch-Site: same-origin` (a header pages cannot set) settles it in any case.

/** The page that sent a request, as far as the edge can tell. */
export interface RequestOrigin {
  /** The page's origin when it is not the edge's own (a cross-origin deployment); null for its own or no Origin at all. */
  cross: string | null;
  /** Whether the page (or the edge, without an Origin) is on https: the identity cookie is then `Secure`. */
  secure: boolean;
  /** The page's host name (the identity cookie's Domain must be it or a parent of it). */
  host: string;
}

/** Reads the request's Origin against the edge's own origin. */
export function readOrigin(request: Request): RequestOrigin {
  const origin = request.headers.get('origin');
  const own = ownOrigin(request);
  const same = origin === null || origin === own || request.headers.get('sec-fetch-site') === 'same-origin';
  const page = origin !== null && origin !== 'null' ? origin : own;
  return { cross: same ? null : origin, secure: page.startsWith('https:'), host: hostOf(page) };
}

/** The edge's origin as the browser sees it: the request URL, with a proxy's X-Forwarded-Proto and -Host over it. */
export function ownOrigin(request: Request): string {
  const url = new URL(request.url);
  const first = (name: string) => request.headers.get(name)?.split(',')[0]?.trim().toLowerCase() || undefined;
  const proto = first('x-forwarded-proto') ?? url.protocol.slice(0, -1);
  return `${proto}://${first('x-forwarded-host') ?? url.host}`;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}
