// The readers of the property sources' own fields (pure): only the rules piece bundles them. A source names its readers
// (src/sources/source.ts SourceFieldReader), so the tracker, debug and picker pieces, which bundle every source, carry
// no reading code (a regex's ReDoS check is 3 KB).
import { describe, readChoice, reject } from '../config/readers';
import { attempt } from '../errors';
import { describeRegexRisk, findRegexRisk } from '../rules/regex-risk';
import { URL_PARTS } from './url-part';
import type { Reader } from '../rules/types';
import type { SourceOwnReader } from './source';

/** A cookie name as RFC 6265 allows it (a token: no spaces, separators or `=`). */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~\w]+$/;

/** The readers of src/sources/source.ts SourceOwnReader, by name. */
export const SOURCE_OWN_READERS: Record<SourceOwnReader, Reader> = {
  cookie: (problems, at, value) =>
    typeof value === 'string' && COOKIE_NAME.test(value) ? value : reject(problems, at, 'one cookie name such as "plan"', value),
  /** A regex with at least one capture group and no ReDoS shape. */
  regex(problems, at, value) {
    const re = typeof value === 'string' ? attempt(() => RegExp(value)) : undefined;
    // A match of `(?:…)|` on '' has one entry per capture group, plus the whole match.
    const groups = re ? (RegExp(`${re.source}|`).exec('') as RegExpExecArray).length - 1 : 0;
    const risk = re && findRegexRisk(re.source);
    if (!re || !groups || risk)
      problems.add(
        at,
        `${describe(value)} ${risk ? describeRegexRisk(risk) + ' (ReDoS); rewrite it without that' : 'is not a regular expression with a capture group such as "/product/(\\d+)"'}`,
      );
    return value;
  },
  urlPart: (problems, at, value) => readChoice(problems, at, value, URL_PARTS, 'path'),
  index: (problems, at, value) =>
    Number.isInteger(value) && value !== 0
      ? value
      : reject(problems, at, 'a whole number, 1 for the first segment, -1 for the last', value),
};
