// URL and text patterns (pure): `*` wildcard strings, full-URL strings and operator objects, compiled once into matchers
// whose time is bounded on any text: wildcards match in linear time, a `regex` that could backtrack catastrophically is
// refused at load, and no pattern sees more than MAX_MATCH_INPUT_LENGTH characters.
import { describe, isPlainObject, readChoice, reject, type Problems } from '../config/readers';
import { describeRegexRisk, findRegexRisk } from './regex-risk';

/** The parts of a page's URL an operator object can test (`on`, default `url`). */
export type UrlPart = 'path' | 'url' | 'host' | 'query' | 'hash' | 'referrer';
/** A page's URL split into the parts patterns test; `url` is the href without its hash. */
export type UrlParts = Record<UrlPart, string>;
/**
 * The longest text, in characters, a pattern runs against (a URL, path, query, referrer or element text); a longer one
 * is cut there, so a pattern never sees what lies past it. Bounds the time of the quadratic patterns that are allowed.
 */
export const MAX_MATCH_INPUT_LENGTH = 2048;

/** What a compiled pattern tests text with (a RegExp's `test`, over at most MAX_MATCH_INPUT_LENGTH characters). */
export interface Matcher {
  test(text: string): boolean;
}

/** A compiled pattern: `page` is a wildcard string's target, the path plus query (or the path alone). */
export interface Pattern {
  re: Matcher;
  on: UrlPart | 'page';
  /** The pattern as the site wrote it (`/admin/*`, `{"contains":"internal","on":"query"}`), for debug messages. */
  written: string;
}

const PARTS = ['url', 'path', 'host', 'query', 'hash', 'referrer'] as const;
/** Each operator as a template around its escaped text (`_`); `regex` takes its text as is. */
const OPERATORS: Record<string, string> = { regex: '', equals: '^_$', contains: '_', startsWith: '^_', endsWith: '_$' };
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Tests at most MAX_MATCH_INPUT_LENGTH characters of the text. */
const capped = (re: RegExp): Matcher => ({ test: (text) => re.test(text.slice(0, MAX_MATCH_INPUT_LENGTH)) });

/**
 * A `*` wildcard string as a matcher of the whole text, in linear time: the parts between stars are found in order,
 * the first at the start and the last at the end (a RegExp of `.*`s backtracks:
 * three of them between slashes took 5.8 s on a 2,048-character path).
 */
export function wildcardMatcher(pattern: string): Matcher {
  const parts = pattern.split('*');
  const first = parts[0];
  const last = parts[parts.length - 1];
  return {
    test(whole) {
      const text = whole.slice(0, MAX_MATCH_INPUT_LENGTH);
      if (parts.length === 1) return text === first;
      if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
      let at = first.length;
      const end = text.length - last.length;
      for (const part of parts.slice(1, -1)) {
        const found = text.indexOf(part, at);
        if (found < 0 || found + part.length > end) return false;
        at = found + part.length;
      }
      return true;
    },
  };
}

/**
 * Compiles a pattern, or records a problem on `field` and returns undefined.
 * @example compilePattern(problems, 'fire[0]', '/blog/*') // matches /blog/a and /blog/a?x=1
 */
export function compilePattern(problems: Problems, field: string, value: unknown): Pattern | undefined {
  try {
    if (typeof value === 'string') return { re: wildcardMatcher(value), on: /^https?:\/\//i.test(value) ? 'url' : 'page', written: value };
    const operator = isPlainObject(value) && Object.keys(OPERATORS).find((key) => typeof value[key] === 'string');
    if (operator) {
      const { [operator]: text, flags, on } = value as Record<string, string>;
      const template = OPERATORS[operator];
      // g and y would make test() stateful through lastIndex.
      const re = RegExp(template ? template.replace('_', () => escape(text)) : text, (flags ?? '').replace(/[gy]/g, ''));
      const risk = template ? undefined : findRegexRisk(re.source, re.flags);
      if (risk) {
        problems.add(
          `${field}.regex`,
          `${describe(text)} ${describeRegexRisk(risk)}, which can freeze the page for seconds on a long URL or text (ReDoS); rewrite it without that`,
        );
        return undefined;
      }
      return { re: capped(re), on: readChoice(problems, `${field}.on`, on, PARTS, 'url'), written: JSON.stringify(value) };
    }
    reject(problems, field, 'a URL pattern', value);
  } catch {
    problems.add(field, 'invalid regex');
  }
  return undefined;
}

/** Splits a page's href and referrer into the parts patterns test. */
export function toUrlParts(href: string, referrer: string): UrlParts {
  const url = new URL(href);
  return { url: url.href.replace(/#.*/, ''), path: url.pathname, host: url.host, query: url.search, hash: url.hash, referrer };
}

/** Whether a pattern matches a URL. A wildcard string tests the path plus query, then the path alone (so `/pricing` matches `/pricing?plan=pro`). */
export function matchUrl(pattern: Pattern, parts: UrlParts): boolean {
  const { re, on } = pattern;
  return on === 'page' ? re.test(parts.path + parts.query) || re.test(parts.path) : re.test(parts[on]);
}
