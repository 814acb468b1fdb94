// `{ urlPart: 'path', index: 1 }`: a part of the page's URL (path, query, hash or host), or one segment of the path or
// one label of the host: index 1 is the first, -1 the last.
import { attempt } from '../errors';
import type { Source } from './source';

/** The parts `urlPart` names. */
export const URL_PARTS = ['path', 'query', 'hash', 'host'] as const;
type Part = (typeof URL_PARTS)[number];

/** The part as text, without its `?` or `#`; for an index, the path's segments or the host's labels. */
function partsOf(url: URL, part: Part): string | string[] {
  if (part === 'path') return url.pathname.split('/').filter(Boolean);
  if (part === 'host') return url.hostname.split('.');
  return (part === 'query' ? url.search : url.hash).slice(1);
}

/** The URL part source. */
export const urlPartSource: Source = {
  fields: { urlPart: 'urlPart', index: 'index' },
  required: 'urlPart',
  page: true,
  check: (source) =>
    source.index !== undefined && (source.urlPart === 'query' || source.urlPart === 'hash')
      ? { field: 'index', detail: 'only with urlPart "path" or "host" (segments and labels); read a query parameter with { query }' }
      : undefined,
  read(source, { href }) {
    const url = attempt(() => new URL(href));
    if (!url) return undefined;
    const part = source.urlPart as Part;
    const found = partsOf(url, part);
    const { index } = source;
    if (typeof found === 'string') return index === undefined ? found : undefined;
    if (index === undefined) return part === 'path' ? url.pathname : url.hostname;
    return found[index > 0 ? index - 1 : found.length + index] || undefined;
  },
};
