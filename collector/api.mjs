// The API origin: plays the tracking services (Segment, Customer.io), consults the fault rules, records every request.
import { preflightHeaders, trackingCorsHeaders } from './cors.mjs';
import { readBody, sendJson, sendText } from './http-util.mjs';
import { handleSegmentRequest, matchSegmentPath } from './segment.mjs';
import { handleCustomerioRequest, matchCustomerioPath, methodFor } from './customerio.mjs';

/**
 * The services the API origin plays. A destination is { name, match(pathname) → kind | null,
 * handle({ kind, headers, raw, path }) → { status, answer, writeKey, body, events, problems, rejected? },
 * method?(kind) → the HTTP method the kind takes (POST when absent) }.
 */
export const destinations = [
  { name: 'segment', match: matchSegmentPath, handle: handleSegmentRequest },
  { name: 'customerio', match: matchCustomerioPath, handle: handleCustomerioRequest, method: methodFor },
];

/** Creates the API-origin handler; control routes are delegated to `handleControl`. */
export function createApiHandler({ store, faults, handleControl, hung }) {
  // A preflight carries no body, so no writeKey: it takes the key of the next request from its origin to its path. (Not
  // of its socket: each request has its own connection, see below.)
  const preflights = new Map(); // `${origin} ${path}` → its latest unpaired preflight record
  const preflightKey = (req, path) => `${req.headers.origin ?? ''} ${path}`;
  const pairPreflight = (key, writeKey) => {
    const preflight = preflights.get(key);
    if (!preflight) return;
    preflights.delete(key);
    preflight.writeKey = writeKey;
  };

  return async function handleApi(req, res) {
    const url = new URL(req.url, 'http://api.invalid');
    if (url.pathname.startsWith('/__collector/')) return handleControl(req, res, url);
    // One connection per request: a browser resends a request whose reused connection closed before an answer (a `reset`
    // fault), which would read as another attempt of the SDK and use up the fault. Each request seen is one attempt.
    res.shouldKeepAlive = false;
    const match = destinations.map((d) => ({ destination: d, kind: d.match(url.pathname) })).find((m) => m.kind);
    if (!match) return sendJson(res, 404, { success: false, error: 'Not found' }, trackingCorsHeaders(req));
    const base = { destination: match.destination.name, method: req.method, path: url.pathname, headers: { ...req.headers } };

    if (req.method === 'OPTIONS') {
      preflights.set(preflightKey(req, url.pathname), store.record({ ...base, status: 204, writeKey: undefined, body: null, events: [] }));
      res.writeHead(204, preflightHeaders(req));
      return res.end();
    }
    const method = match.destination.method?.(match.kind) ?? 'POST';
    if (req.method !== method) {
      store.record({ ...base, status: 405, writeKey: undefined, body: null, events: [] });
      return sendText(res, 405, 'Method not allowed', { allow: `${method}, OPTIONS`, ...trackingCorsHeaders(req) });
    }

    let raw;
    try {
      raw = await readBody(req);
    } catch (error) {
      store.record({ ...base, status: 400, writeKey: undefined, body: null, events: [], problems: [error.message] });
      return sendJson(res, 400, { success: false, error: 'Unreadable body' }, trackingCorsHeaders(req));
    }
    const result = match.destination.handle({ kind: match.kind, headers: req.headers, raw, path: url.pathname });
    const { answer, ...outcome } = result;
    pairPreflight(preflightKey(req, url.pathname), outcome.writeKey);
    const fault = faults.take({ destination: base.destination, writeKey: outcome.writeKey, events: outcome.events });
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    // A delay-only rule: the service answers, late.
    if (!fault || (fault.status === undefined && !fault.reset && !fault.hang)) {
      store.record({ ...base, ...outcome, events: outcome.status < 300 && !outcome.rejected ? outcome.events : [] });
      return sendJson(res, outcome.status, answer, trackingCorsHeaders(req));
    }

    // A fault answers instead of the service: nothing in the request counts as accepted.
    const faulted = { ...base, ...outcome, events: [], fault: fault.id, status: fault.status ?? 0 };
    if (fault.reset) {
      store.record({ ...faulted, reset: true });
      return req.socket.destroy();
    }
    if (fault.hang) {
      store.record({ ...faulted, hang: true });
      hung.add(res);
      return res.on('close', () => hung.delete(res));
    }
    store.record(faulted);
    return sendJson(res, fault.status, fault.body ?? { success: false, error: `injected fault ${fault.id}` }, {
      ...trackingCorsHeaders(req),
      ...fault.headers,
    });
  };
}
