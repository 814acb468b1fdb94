// Registry of ad-hoc pages (HTML, or another type such as a script) that tests serve from the site origin over real HTTP.
import { randomUUID } from 'node:crypto';

/**
 * createPages() → { add({ html, path?, type?, cacheControl? }) → path, get(path) → { body, type, cacheControl }, clear() }.
 * type defaults to HTML; cacheControl to no-store ('no-cache' lets Chromium keep the page in its back/forward cache).
 */
export function createPages() {
  const pages = new Map();
  return {
    add({ html, path, type = 'text/html; charset=utf-8', cacheControl = 'no-store' }) {
      if (typeof html !== 'string') throw new TypeError('page.html must be a string');
      if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('/__collector'))) {
        throw new TypeError('page.path must be an absolute path such as /shop/cart.html');
      }
      const pagePath = path ?? `/__pages/${randomUUID()}.html`;
      if (typeof type !== 'string' || !/^[\w.+-]+\/[\w.+-]+/.test(type)) throw new TypeError('page.type must be a media type');
      if (!['no-store', 'no-cache'].includes(cacheControl)) throw new TypeError('page.cacheControl must be no-store or no-cache');
      pages.set(pagePath, { body: html, type, cacheControl });
      return pagePath;
    },
    get: (path) => pages.get(path),
    clear: () => pages.clear(),
  };
}
