// CORS answers for the API origin: the tracking endpoints (reflect the caller's Origin) and the open control API.

/** Response headers a cross-origin SDK must be able to read (retry timing on 429). */
const EXPOSED_HEADERS = 'Retry-After, X-RateLimit-Reset';

/**
 * Headers for a tracking-API answer. The Origin is reflected with credentials allowed, so the SDK works
 * whatever `credentials` mode its fetch uses; Segment does not document its exact CORS headers.
 */
export function trackingCorsHeaders(req) {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}

/** Headers for a preflight (OPTIONS) answer: allows POST and whatever headers the browser asks for. */
export function preflightHeaders(req) {
  const requested = req.headers['access-control-request-headers'];
  return {
    ...trackingCorsHeaders(req),
    'access-control-allow-methods': 'POST, PUT, OPTIONS',
    ...(requested ? { 'access-control-allow-headers': requested } : {}),
    'access-control-max-age': '600',
    vary: 'Origin, Access-Control-Request-Headers',
  };
}

/** Headers for the control API: open to any origin (the viewer and test pages read it). */
export function controlCorsHeaders(req) {
  const requested = req.headers['access-control-request-headers'];
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': requested || 'content-type',
  };
}
