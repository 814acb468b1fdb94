// `{ regex: '/product/(\\d+)' }`: the first capture group of a regular expression matched against the page's URL.
// Patterns that risk catastrophic backtracking are refused at load, as the path gates' are.
import { attempt } from '../errors';
import { describe } from '../config/readers';
import { describeRegexRisk, findRegexRisk } from '../rules/regex-risk';
import { MAX_MATCH_INPUT_LENGTH } from '../rules/url-pattern';
import type { Reader } from '../rules/types';
import type { Source } from './source';

/** A regex with at least one capture group and no ReDoS shape. */
const readCaptureRegex: Reader = (problems, at, value) => {
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
};

/** The URL regex source: the first group's text, undefined when the URL does not match. */
export const regexSource: Source = {
  fields: { regex: readCaptureRegex },
  page: true,
  read: (source, { href }) => RegExp(source.regex as string).exec(href.slice(0, MAX_MATCH_INPUT_LENGTH))?.[1],
};
