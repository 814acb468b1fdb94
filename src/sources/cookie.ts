// Touches document.cookie: `{ cookie: 'plan' }`, one named cookie's value (decoded). A source names one cookie, never a
// pattern or a list, so a rule cannot sweep the page's cookies into an event.
import { attempt } from '../errors';
import { reject } from '../config/readers';
import { clip } from '../tracker/text';
import type { Source } from './source';
import type { Reader } from '../rules/types';

/** A cookie name as RFC 6265 allows it (a token: no spaces, separators or `=`). */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~\w]+$/;

const readCookieName: Reader = (problems, at, value) =>
  typeof value === 'string' && COOKIE_NAME.test(value) ? value : reject(problems, at, 'one cookie name such as "plan"', value);

/** The cookie source; a value that is not valid URI encoding is sent as it is. */
export const cookieSource: Source = {
  fields: { cookie: readCookieName },
  page: true,
  read(source) {
    const prefix = `${source.cookie}=`;
    const pair = document.cookie.split(/;\s*/).find((item) => item.startsWith(prefix));
    if (pair === undefined) return undefined;
    const raw = pair.slice(prefix.length);
    return clip(attempt(() => decodeURIComponent(raw), raw));
  },
};
