// Touches document.cookie: `{ cookie: 'plan' }`, one named cookie's value (decoded). A source names one cookie, never a
// pattern or a list, so a rule cannot sweep the page's cookies into an event.
import { attempt } from '../errors';
import { clip } from '../tracker/text';
import type { Source } from './source';

/** The cookie source; a value that is not valid URI encoding is sent as it is. */
export const cookieSource: Source = {
  fields: { cookie: 'cookie' },
  page: true,
  read(source) {
    const prefix = `${source.cookie}=`;
    const pair = document.cookie.split(/;\s*/).find((item) => item.startsWith(prefix));
    if (pair === undefined) return undefined;
    const raw = pair.slice(prefix.length);
    return clip(attempt(() => decodeURIComponent(raw), raw));
  },
};
