// Touches document: `{ meta: 'og:title' }`, the content of the page's first `<meta name="…">` or `<meta property="…">`.
import { clip } from '../tracker/text';
import type { Source } from './source';

/** The meta tag source; compared by attribute value, so any name works without CSS escaping. */
export const metaSource: Source = {
  fields: { meta: 'string' },
  page: true,
  read(source) {
    const meta = Array.from(document.getElementsByTagName('meta')).find(
      (element) => element.getAttribute('property') === source.meta || element.getAttribute('name') === source.meta,
    );
    return clip(meta?.getAttribute('content'));
  },
};
