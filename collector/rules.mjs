// Rules documents on the site origin: GET /rules/<name>.json (with an ETag; 304 for If-None-Match), and the picker's save
// route, /__tally/rules?url=/rules/<name>.json (GET: can this document be written; POST { events }: merge them in).
// `npm start` writes examples/rules/<name>.json; the e2e collector keeps what is saved in memory and never touches the file.
import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseJson, readBody, sendJson } from './http-util.mjs';

/** The picker's route (src/picker/save.ts). */
export const SAVE_ROUTE = '/__tally/rules';
/** A rules document's path: one file name of letters, digits, `-` and `_` under /rules/. */
const DOCUMENT_PATH = /^\/rules\/([\w-]+)\.json$/;
const MAX_SAVE_BYTES = 256 * 1024;

/** A strong ETag over a document's bytes. */
export const etagOf = (text) => `"${createHash('sha1').update(text).digest('hex').slice(0, 20)}"`;

/** The version after `version`: the next integer for an integer, else the time of the save. */
export function nextVersion(version) {
  return /^\d+$/.test(version ?? '') ? String(Number(version) + 1) : new Date().toISOString();
}

/**
 * Merges `events` (by name, replacing an existing definition) into `document` (or a new one) and bumps its version.
 * Pure, so it is unit-tested.
 */
export function mergeRules(document, events) {
  const base = document && typeof document === 'object' ? document : { version: '0', events: {} };
  return { ...base, version: nextVersion(base.version), events: { ...base.events, ...events } };
}

/** Whether a save's body is `{ events: { name: { ...definition } } }`. */
const isSave = (body) =>
  !!body &&
  typeof body.events === 'object' &&
  !Array.isArray(body.events) &&
  Object.values(body.events).every((value) => value && typeof value === 'object' && !Array.isArray(value));

/**
 * Creates the handler. `persist` writes saved documents to `dir` (npm start); without it they stay in memory (tests).
 * The handler answers false for paths that are not its own.
 */
export function createRulesHandler({ root, persist = false, siteUrl }) {
  const dir = join(root, 'examples', 'rules');
  const saved = new Map();
  const fileOf = (name) => join(dir, `${name}.json`);
  const read = async (name) => saved.get(name) ?? (await readFile(fileOf(name), 'utf8').catch(() => undefined));

  async function serve(req, res, name) {
    const text = await read(name);
    if (text === undefined) return sendJson(res, 404, { error: `no rules document ${name}.json` });
    const etag = etagOf(text);
    const headers = { etag, 'cache-control': 'no-cache' };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      return res.end();
    }
    res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    return res.end(req.method === 'HEAD' ? undefined : text);
  }

  async function save(req, res, name) {
    // A page of another origin must not rewrite the site's rules.
    if (req.headers.origin && req.headers.origin !== siteUrl())
      return sendJson(res, 403, { error: 'saves come from the site origin only' });
    const parsed = parseJson((await readBody(req, MAX_SAVE_BYTES)).toString('utf8'));
    if (!parsed.ok || !isSave(parsed.value)) return sendJson(res, 400, { error: 'expected { "events": { "Name": { ... } } }' });
    const current = parseJson((await read(name)) ?? 'null');
    const document = mergeRules(current.ok ? current.value : null, parsed.value.events);
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (persist) {
      await mkdir(dir, { recursive: true });
      await writeFile(fileOf(name), text);
    } else saved.set(name, text);
    return sendJson(res, 200, { version: document.version, file: relative(root, fileOf(name)) });
  }

  /** Answers a rules request and resolves true, or resolves false for a path that is not a rules path. */
  return async function handleRules(req, res, pathname, searchParams) {
    const served = DOCUMENT_PATH.exec(pathname);
    if (served && (req.method === 'GET' || req.method === 'HEAD')) {
      await serve(req, res, served[1]);
      return true;
    }
    if (pathname !== SAVE_ROUTE) return false;
    const target = DOCUMENT_PATH.exec(searchParams.get('url') ?? '');
    if (!target) sendJson(res, 400, { error: 'url must be /rules/<name>.json' });
    else if (req.method === 'GET') sendJson(res, 200, { file: relative(root, fileOf(target[1])), writable: true });
    else if (req.method === 'POST') await save(req, res, target[1]);
    else sendJson(res, 405, { error: 'GET or POST' }, { allow: 'GET, POST' });
    return true;
  };
}
