// Readers for untrusted user input: each returns a usable value, or records a ConfigError naming the field and falls back.
import { ConfigError, attempt } from '../errors';

/** Collects the problems found while reading one input; the caller reports them once. */
export interface Problems {
  errors: ConfigError[];
  add(field: string, message: string): void;
}

/** Starts an empty list of problems. */
export function createProblems(): Problems {
  const errors: ConfigError[] = [];
  return { errors, add: (field, message) => void errors.push(new ConfigError(field, message)) };
}

/** Describes a value for an error message: `"x"` (a string, cut to 40 characters), `3`, `true`, `null`, `an array`, `an object`. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  return value && typeof value === 'object' ? 'an object' : String(value);
}

/** The value when it is a non-empty string, else undefined. */
export const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** True for a plain `{}` object (not an array, null, a Date or a DOM node). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value));
}

/** The one message format of a bad value: records `field: expected <what>, got <value>[; using <fallback>]` and returns `fallback`. */
export function reject<T>(problems: Problems, field: string, what: string, value: unknown, fallback?: T): T {
  problems.add(field, `expected ${what}, got ${describe(value)}${fallback === undefined ? '' : '; using ' + describe(fallback)}`);
  return fallback as T;
}

/** Reads an optional plain object; anything else is reported and read as `{}`. */
export function readObject(problems: Problems, field: string, value: unknown): Record<string, unknown> {
  if (isPlainObject(value)) return value;
  if (value !== undefined) reject(problems, field, 'an object', value);
  return {};
}

/** A reader of one field, as check.ts's readers are: `(problems, field, value, ...their own arguments)`. */
type Reader<A extends unknown[], R> = (problems: Problems, field: string, value: unknown, ...rest: A) => R;

/**
 * Reads an optional object (anything else is reported and read as `{}`) into a reader of its fields, each named
 * `prefix + key` in its errors (`field.key` by default), so a field's name is written once. Itself a reader, so
 * `read('cookie', fieldsOf)` reads a nested object's fields. `unknown()` then reports each field no read asked
 * for (a typo such as `flushat`): the reads are the list of known fields.
 * @example const read = fieldsOf(problems, 'cookie', options.cookie); read('maxage', readInteger, 365, 0, 3650)
 */
export function fieldsOf(problems: Problems, field: string, value: unknown, prefix = field + '.') {
  const object = readObject(problems, field, value);
  const unread = new Set(Object.keys(object));
  const read = <A extends unknown[], R>(key: string, reader: Reader<A, R>, ...rest: A): R => {
    unread.delete(key);
    return reader(problems, prefix + key, object[key], ...rest);
  };
  read.unknown = () => {
    for (const key of unread) problems.add(prefix + key, 'unknown field');
  };
  return read;
}

/** A reader of one object's fields, as fieldsOf returns it. */
export type Fields = ReturnType<typeof fieldsOf>;

/** Reads any value as it is: for a field another piece validates, or one that may hold anything. */
export const readAny = (_problems: Problems, _field: string, value: unknown): unknown => value;

/** Reads an optional boolean. */
export function readBoolean(problems: Problems, field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  return reject(problems, field, 'true or false', value, fallback);
}

/** Reads an optional whole number within `[min, max]`. */
export function readInteger(problems: Problems, field: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && (value as number) >= min && (value as number) <= max) return value as number;
  return reject(problems, field, `an integer ${min}-${max}`, value, fallback);
}

/** Reads an optional non-empty string. */
export function readString(problems: Problems, field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return (typeof value === 'string' && value.trim()) || reject(problems, field, 'a non-empty string', value);
}

/** Reads an optional string that must be one of `choices`. */
export function readChoice<T extends string>(problems: Problems, field: string, value: unknown, choices: readonly T[], fallback: T): T {
  if (value === undefined || (choices as readonly unknown[]).includes(value)) return (value as T) ?? fallback;
  return reject(problems, field, 'one of ' + choices.map(describe).join(', '), value, fallback);
}

/**
 * Reads an API host: a full URL (`http://127.0.0.1:8787/v1`) or analytics.js's host-and-path form
 * (`api.segment.io/v1`, for which `protocol` applies). Returns a URL without a trailing slash.
 */
export function readApiHost(problems: Problems, field: string, value: unknown, protocol = 'https'): string | undefined {
  const text = readString(problems, field, value);
  if (text === undefined) return undefined;
  const withScheme = /^https?:\/\//i.test(text) ? text : `${protocol}://${text}`;
  const url = attempt(() => new URL(withScheme));
  return url && !url.search && !url.hash
    ? url.href.replace(/\/+$/, '')
    : reject(problems, field, 'a URL such as "api.segment.io/v1"', value);
}
