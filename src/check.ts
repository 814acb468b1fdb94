// Readers for untrusted user input: each returns a usable value, or records a ConfigError naming the field and falls back.
import { ConfigError } from './errors';

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

/** Describes a value for an error message: `a string ("x")`, `an array`, `null`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.slice(0, 40))})`;
  if (typeof value === 'number') return `the number ${value}`;
  return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}`;
}

/** True for a plain `{}` object (not an array, null, a Date or a DOM node). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Reads an optional plain object; anything else is reported and read as `{}`. */
export function readObject(problems: Problems, field: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (isPlainObject(value)) return value;
  problems.add(field, `expected an object, got ${describe(value)}`);
  return {};
}

/** Reads an optional boolean. */
export function readBoolean(problems: Problems, field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  problems.add(field, `expected true or false, got ${describe(value)}; using ${fallback}`);
  return fallback;
}

/** Reads an optional whole number within `[min, max]`. */
export function readInteger(problems: Problems, field: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  problems.add(field, `expected a whole number from ${min} to ${max}, got ${describe(value)}; using ${fallback}`);
  return fallback;
}

/** Reads an optional non-empty string. */
export function readString(problems: Problems, field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  problems.add(field, `expected a non-empty string, got ${describe(value)}`);
  return undefined;
}

/** Reads an optional string that must be one of `choices`. */
export function readChoice<T extends string>(problems: Problems, field: string, value: unknown, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  problems.add(field, `expected one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describe(value)}; using '${fallback}'`);
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
  try {
    const url = new URL(withScheme);
    if (url.search || url.hash) throw new Error('query');
    return url.href.replace(/\/+$/, '');
  } catch {
    problems.add(field, `expected a URL such as 'https://api.segment.io/v1' or 'api.segment.io/v1', got ${describe(value)}`);
    return undefined;
  }
}
