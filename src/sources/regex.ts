// `{ regex: '/product/(\\d+)' }`: the first capture group of a regular expression matched against the page's URL.
// Patterns that risk catastrophic backtracking are refused at load, as the path gates' are.
import { MAX_MATCH_INPUT_LENGTH } from '../rules/url-pattern';
import type { Source } from './source';

/** The URL regex source: the first group's text, undefined when the URL does not match. */
export const regexSource: Source = {
  fields: { regex: 'regex' },
  page: true,
  read: (source, { href }) => RegExp(source.regex as string).exec(href.slice(0, MAX_MATCH_INPUT_LENGTH))?.[1],
};
