// The site origin: example pages (with the API origin injected), /dist/* bundles, the viewer and registered pages.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { sendText } from './http-util.mjs';
import { SESSION_COOKIE, injectScripts } from './sessions.mjs';

/** Placeholder in served HTML that becomes the API origin (e.g. http://127.0.0.1:8787). */
export const API_PLACEHOLDER = '__TALLY_API__';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Resolves a URL path inside `base`, or returns null when it would escape it (../, encoded slashes, NUL).
 * Pure, so it is unit-tested.
 */
export function resolveInside(base, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const root = resolve(base);
  const target = resolve(root, normalize(`.${sep}${decoded}`));
  if (target !== root && !target.startsWith(root + sep)) return null;
  if (decoded.split('/').includes('..')) return null;
  return target;
}

/** Creates the site-origin request handler; `sessions` (optional) adds test sessions' scripts to HTML pages. */
export function createSiteHandler({ root, pages, apiUrl, sessions }) {
  const examplesDir = join(root, 'examples');
  const distDir = join(root, 'dist');
  const viewerDir = join(root, 'collector', 'viewer');
  const inject = (html) => html.split(API_PLACEHOLDER).join(apiUrl());

  function sendHtml(req, res, html, cacheControl = 'no-store') {
    const body = injectScripts(inject(html), sessions?.scriptsFor(req.headers.cookie) ?? []);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES['.html'],
      'content-length': Buffer.byteLength(body),
      'cache-control': cacheControl,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function sendFile(req, res, base, urlPath) {
    let file = resolveInside(base, urlPath);
    if (!file) return sendText(res, 403, 'Forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const type = CONTENT_TYPES[extname(file)] || 'application/octet-stream';
      const data = await readFile(file);
      if (extname(file) === '.html') return sendHtml(req, res, data.toString('utf8'));
      res.writeHead(200, { 'content-type': type, 'content-length': data.length, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : data);
    } catch {
      sendText(res, 404, 'Not found');
    }
  }

  return async function handleSite(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
    const { pathname } = new URL(req.url, 'http://site.invalid');
    const page = pages.get(pathname);
    if (page?.type.startsWith('text/html')) return sendHtml(req, res, page.body, page.cacheControl);
    if (page) {
      res.writeHead(200, { 'content-type': page.type, 'content-length': Buffer.byteLength(page.body), 'cache-control': page.cacheControl });
      return res.end(req.method === 'HEAD' ? undefined : page.body);
    }
    // A test session starts here: the cookie makes the site origin add the session's scripts to every page.
    const session = /^\/__session\/([\w-]{1,64})$/.exec(pathname);
    if (session && sessions) {
      res.setHeader('set-cookie', `${SESSION_COOKIE}=${session[1]}; Path=/; HttpOnly; SameSite=Lax`);
      return sendHtml(req, res, '<!doctype html><title>session</title>');
    }
    // Browsers ask for it on every page: a 404 would be a console error in every test that counts them.
    if (pathname === '/favicon.ico') {
      res.writeHead(204);
      return res.end();
    }
    if (pathname === '/viewer') {
      res.writeHead(302, { location: '/viewer/' });
      return res.end();
    }
    if (pathname.startsWith('/viewer/')) return sendFile(req, res, viewerDir, pathname.slice('/viewer'.length));
    if (pathname.startsWith('/dist/')) return sendFile(req, res, distDir, pathname.slice('/dist'.length));
    if (pathname.startsWith('/collector/')) return sendText(res, 404, 'Not found');
    return sendFile(req, res, examplesDir, pathname);
  };
}
