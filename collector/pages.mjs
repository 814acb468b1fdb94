// Registry of ad-hoc HTML pages that tests serve from the site origin over real HTTP.
import { randomUUID } from 'node:crypto';

/** createPages() → { add({ html, path? }) → path, get(path), clear() }. */
export function createPages() {
  const pages = new Map();
  return {
    add({ html, path }) {
      if (typeof html !== 'string') throw new TypeError('page.html must be a string');
      if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('/__collector'))) {
        throw new TypeError('page.path must be an absolute path such as /shop/cart.html');
      }
      const pagePath = path ?? `/__pages/${randomUUID()}.html`;
      pages.set(pagePath, html);
      return pagePath;
    },
    get: (path) => pages.get(path),
    clear: () => pages.clear(),
  };
}
