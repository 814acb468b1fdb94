// context.page and context.campaign from the page a call was made on: pure functions of a BufferedPage.
import { attempt } from '../errors';
import type { BufferedPage, JsonObject, PageContext } from './types';

/**
 * context.page as analytics.js computes it: with a canonical link, `path` is its pathname and `url` is the
 * canonical URL plus the search string (unless it has its own); otherwise `url` is the href without its hash.
 */
export function toPageContext({ canonical, pathname, href, search, title, referrer }: BufferedPage): PageContext {
  return {
    // A canonical link that is not a URL keeps the real path.
    path: canonical ? attempt(() => new URL(canonical, href || undefined).pathname, pathname) : pathname,
    referrer,
    search,
    title,
    url: canonical ? canonicalUrl(canonical, search) : href.split('#')[0],
  };
}

/** A canonical link's URL keeps its own query, else takes the page's. */
const canonicalUrl = (canonical: string, search: string) => (canonical.includes('?') ? canonical : canonical + search);

/**
 * context.campaign from `utm_*` parameters, `utm_campaign` as `name`; undefined when there are none.
 * As analytics.js: pairs split on '&' and '?', a value runs to the next one ('=' included), '+' is a space.
 */
export function toCampaign(search: string): JsonObject | undefined {
  let campaign: JsonObject | undefined;
  for (const [, key, value] of search.matchAll(/(?:^|[?&])utm_([^&?=]+)=?([^&?]*)/g)) {
    campaign ??= {};
    campaign[key === 'campaign' ? 'name' : key] = attempt(() => decodeURIComponent(value.replace(/\+/g, ' ')), value);
  }
  return campaign;
}
