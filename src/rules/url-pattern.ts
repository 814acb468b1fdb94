// URL and text patterns (pure): `*` wildcard strings, full-URL strings and operator objects, compiled once into RegExps.
import { isPlainObject, readChoice, reject, type Problems } from '../config/readers';

/** The parts of a page's URL an operator object can test (`on`, default `url`). */
export type UrlPart = 'path' | 'url' | 'host' | 'query' | 'hash' | 'referrer';
/** A page's URL split into the parts patterns test; `url` is the href without its hash. */
export type UrlParts = Record<UrlPart, string>;
/** A compiled pattern: `page` is a wildcard string's target, the path plus query (or the path alone). */
export interface Pattern {
  re: RegExp;
  on: UrlPart | 'page';
  /** The pattern as the site wrote it (`/admin/*`, `{"contains":"internal","on":"query"}`), for debug messages. */
  written: string;
}

const PARTS = ['url', 'path', 'host', 'query', 'hash', 'referrer'] as const;
/** Each operator as a template around its escaped text (`_`); `regex` takes its text as is. */
const OPERATORS: Record<string, string> = { regex: '', equals: '^_$', contains: '_', startsWith: '^_', endsWith: '_$' };
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles a pattern, or records a problem on `field` and returns undefined.
 * @example compilePattern(problems, 'fire[0]', '/blog/*') // matches /blog/a and /blog/a?x=1
 */
export function compilePattern(problems: Problems, field: string, value: unknown): Pattern | undefined {
  try {
    if (typeof value === 'string')
      return { re: RegExp(`^${escape(value).replace(/\\\*/g, '.*')}$`), on: /^https?:\/\//i.test(value) ? 'url' : 'page', written: value };
    const operator = isPlainObject(value) && Object.keys(OPERATORS).find((key) => typeof value[key] === 'string');
    if (operator) {
      const { [operator]: text, flags, on } = value as Record<string, string>;
      const template = OPERATORS[operator];
      // g and y would make test() stateful through lastIndex.
      return {
        re: RegExp(template ? template.replace('_', () => escape(text)) : text, (flags ?? '').replace(/[gy]/g, '')),
        on: readChoice(problems, `${field}.on`, on, PARTS, 'url'),
        written: JSON.stringify(value),
      };
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
