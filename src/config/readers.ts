// Readers for untrusted user input: each returns a usable value, or records a ConfigError naming the field and falls back.
import { ConfigError, attempt, describe } from '../errors';

export { describe };

/** Collects the problems found while reading one input; the caller reports them once. */
export interface Problems {
  errors: ConfigError[];
  /** A problem in a piece's own words (`message` is what is wrong, without the field's name). */
  add(field: string, message: string): void;
  /** A problem by its code (docs/troubleshooting.md): the value, then what its sentence needs (by convention the fallback first). */
  flag(code: string, field: string, value: unknown, ...args: unknown[]): void;
}

/** Starts an empty list of problems. */
export function createProblems(): Problems {
  const errors: ConfigError[] = [];
  return {
    errors,
    add: (field, message) => void errors.push(new ConfigError(field, message)),
    flag: (code, field, value, ...args) => void errors.push(new ConfigError(field, '', code, value, args)),
  };
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

/** Reads an optional plain object; anything else is reported (T106) and read as `{}`. */
export function readObject(problems: Problems, field: string, value: unknown): Record<string, unknown> {
  if (isPlainObject(value)) return value;
  if (value !== undefined) problems.flag('T106', field, value);
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
  const known: string[] = [];
  const read = <A extends unknown[], R>(key: string, reader: Reader<A, R>, ...rest: A): R => {
    unread.delete(key);
    known.push(key);
    return reader(problems, prefix + key, object[key], ...rest);
  };
  read.unknown = () => {
    // T107: the messages piece says which known field it most likely meant, and what the typo costs.
    for (const key of unread) problems.flag('T107', prefix + key, object[key], undefined, known);
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
  problems.flag('T101', field, value, fallback);
  return fallback;
}

/** Reads an optional whole number within `[min, max]`. */
export function readInteger(problems: Problems, field: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && (value as number) >= min && (value as number) <= max) return value as number;
  problems.flag('T102', field, value, fallback, min, max);
  return fallback;
}

/** Reads an optional non-empty string. */
export function readString(problems: Problems, field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim()) return value.trim();
  problems.flag('T103', field, value);
  return undefined;
}

/** Reads an optional string that must be one of `choices`. */
export function readChoice<T extends string>(problems: Problems, field: string, value: unknown, choices: readonly T[], fallback: T): T {
  if (value === undefined || (choices as readonly unknown[]).includes(value)) return (value as T) ?? fallback;
  problems.flag('T104', field, value, fallback, choices);
  return fallback;
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
  if (url && !url.search && !url.hash) return url.href.replace(/\/+$/, '');
  problems.flag('T105', field, value);
  return undefined;
}
