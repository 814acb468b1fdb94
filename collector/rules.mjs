// Static rules documents on the site origin: GET /rules/<name>.json from examples/rules/, with an ETag (304 for
// If-None-Match), as any static host serves a `rulesUrl`. Publishing goes through the edge's rules host (/t/rules):
// the picker's old "save to examples/rules/" route is gone.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sendJson } from './http-util.mjs';

/** A rules document's path: one file name of letters, digits, `-` and `_` under /rules/. */
const DOCUMENT_PATH = /^\/rules\/([\w-]+)\.json$/;

/** A strong ETag over a document's bytes. */
export const etagOf = (text) => `"${createHash('sha1').update(text).digest('hex').slice(0, 20)}"`;

/** Creates the handler; it answers false for paths that are not its own. */
export function createRulesHandler({ root }) {
  const dir = join(root, 'examples', 'rules');

  async function serve(req, res, name) {
    const text = await readFile(join(dir, `${name}.json`), 'utf8').catch(() => undefined);
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

  /** Answers a rules request and resolves true, or resolves false for a path that is not a rules path. */
  return async function handleRules(req, res, pathname) {
    const served = DOCUMENT_PATH.exec(pathname);
    if (!served || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    await serve(req, res, served[1]);
    return true;
  };
}
