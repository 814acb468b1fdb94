// The control API on the API origin (/__collector/*): read what arrived, reset, register pages, faults, live stream.
import { controlCorsHeaders } from './cors.mjs';
import { parseJson, readBody, sendJson } from './http-util.mjs';

const filterFrom = (searchParams, keys) => Object.fromEntries(keys.map((key) => [key, searchParams.get(key) ?? undefined]));

/** Streams store changes as Server-Sent Events: `snapshot` (all records) first, then `request` and `reset`. */
function stream(req, res, store) {
  res.writeHead(200, {
    ...controlCorsHeaders(req),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  const send = (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send('snapshot', store.requests());
  const unsubscribe = store.subscribe((message) => send(message.type, message.type === 'request' ? message.record : message));
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15000);
  req.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

async function readJson(req) {
  const parsed = parseJson((await readBody(req)).toString('utf8') || '{}');
  if (!parsed.ok) throw new TypeError(`invalid JSON: ${parsed.error}`);
  return parsed.value;
}

/** Creates the /__collector/* handler. Returns false when the path is not a control route. */
export function createControlHandler({ store, faults, pages, sessions, siteUrl }) {
  return async function handleControl(req, res, url) {
    const cors = controlCorsHeaders(req);
    const route = `${req.method} ${url.pathname}`;
    try {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors);
        return res.end();
      }
      switch (route) {
        case 'GET /__collector/requests':
          return sendJson(res, 200, store.requests(filterFrom(url.searchParams, ['writeKey', 'destination', 'method'])), cors);
        case 'GET /__collector/events':
          return sendJson(res, 200, store.events(filterFrom(url.searchParams, ['writeKey', 'destination', 'type', 'event'])), cors);
        case 'POST /__collector/reset': {
          const writeKey = url.searchParams.get('writeKey') || undefined;
          store.reset(writeKey);
          faults.clear(writeKey);
          return sendJson(res, 200, { ok: true }, cors);
        }
        case 'POST /__collector/pages': {
          const path = pages.add(await readJson(req));
          return sendJson(res, 200, { url: siteUrl() + path }, cors);
        }
        case 'GET /__collector/faults':
          return sendJson(res, 200, faults.list(), cors);
        case 'POST /__collector/faults':
          return sendJson(res, 200, faults.add(await readJson(req)), cors);
        case 'DELETE /__collector/faults':
          if (url.searchParams.has('id')) faults.remove(Number(url.searchParams.get('id')));
          else faults.clear(url.searchParams.get('writeKey') || undefined);
          return sendJson(res, 200, { ok: true }, cors);
        case 'PUT /__collector/sessions': {
          const { id, scripts } = await readJson(req);
          sessions.set(id, scripts);
          return sendJson(res, 200, { ok: true, start: `${siteUrl()}/__session/${id}` }, cors);
        }
        case 'DELETE /__collector/sessions':
          sessions.remove(url.searchParams.get('id'));
          return sendJson(res, 200, { ok: true }, cors);
        case 'GET /__collector/stream':
          return stream(req, res, store);
        default:
          return sendJson(res, 404, { error: `no control route ${route}` }, cors);
      }
    } catch (error) {
      return sendJson(res, 400, { error: error.message }, cors);
    }
  };
}
