// context.page and context.campaign from the page a call was made on: pure functions of a BufferedPage.
import { attempt } from './errors';
import type { BufferedPage, JsonObject, PageContext } from './types';

/**
 * context.page as analytics.js computes it: with a canonical link, `path` is its pathname and `url` is the
 * canonical URL plus the search string (unless it has its own); otherwise `url` is the href without its hash.
 */
export function toPageContext(page: BufferedPage): PageContext {
  if (page.canonical) {
    // A canonical link that is not a URL keeps the real path.
    const path = attempt(() => new URL(page.canonical!, page.href || undefined).pathname, page.pathname);
    const url = page.canonical.includes('?') ? page.canonical : page.canonical + page.search;
    return { path, referrer: page.referrer, search: page.search, title: page.title, url };
  }
  const hash = page.href.indexOf('#');
  return { path: page.pathname, referrer: page.referrer, search: page.search, title: page.title, url: hash < 0 ? page.href : page.href.slice(0, hash) };
}

/** context.campaign from `utm_*` parameters, `utm_campaign` as `name`; undefined when there are none. */
export function toCampaign(search: string): JsonObject | undefined {
  let campaign: JsonObject | undefined;
  for (const pair of search.replace(/^\?/, '').split(/[&?]/)) {
    const equals = pair.indexOf('=');
    const key = equals < 0 ? pair : pair.slice(0, equals);
    if (!key.startsWith('utm_') || key.length <= 4) continue;
    const name = key.slice(4) === 'campaign' ? 'name' : key.slice(4);
    const value = equals < 0 ? '' : pair.slice(equals + 1);
    (campaign ??= {})[name] = attempt(() => decodeURIComponent(value.replace(/\+/g, ' ')), value);
  }
  return campaign;
}
