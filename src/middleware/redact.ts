// Touches crypto.subtle: the built-in PII redaction, hashing (SHA-256, hex) or removing chosen property and trait keys.
import type { TallyEvent } from '../event/types';
import { readChoice, readObject, type Problems } from '../config/readers';
import type { RedactConfig } from './types';
import { hasOwn, setOwn } from '../config/keys';

/** SHA-256 of a value's text, in hex; undefined when the page has no crypto.subtle (not a secure context). */
export async function sha256(text: string): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function redactKeys(source: Record<string, unknown> | undefined, keys: readonly string[], method: RedactConfig['method']) {
  // Own keys only: `'constructor' in {}` is true, and hashing it would add a property the event never had.
  if (!source || !keys.some((key) => hasOwn(source, key))) return source;
  const result = { ...source };
  for (const key of keys) {
    if (!hasOwn(result, key)) continue;
    // No crypto.subtle: removing is the only safe answer.
    const hashed =
      method === 'hash' && result[key] !== null
        ? await sha256(typeof result[key] === 'string' ? result[key] : JSON.stringify(result[key]))
        : undefined;
    if (hashed === undefined) delete result[key];
    else setOwn(result, key, hashed);
  }
  return result;
}

/**
 * The event with the configured keys hashed or removed from `properties`, `traits` and `context.traits`.
 * @example await redactEvent(event, { properties: ['email'], traits: ['email', 'phone'], method: 'hash' })
 */
export async function redactEvent(event: TallyEvent, config: RedactConfig): Promise<TallyEvent> {
  const result = { ...event };
  const properties = await redactKeys(event.properties, config.properties, config.method);
  const traits = await redactKeys(event.traits, config.traits, config.method);
  const contextTraits = await redactKeys(event.context.traits as Record<string, unknown> | undefined, config.traits, config.method);
  if (properties) result.properties = properties;
  if (traits) result.traits = traits;
  if (contextTraits) result.context = { ...event.context, traits: contextTraits };
  return result;
}

/** Reads the `redact` option: `{ properties: ['email'], traits: ['email'], method: 'hash' | 'remove' }`; null when absent. */
export function readRedact(problems: Problems, input: unknown): RedactConfig | null {
  if (input === undefined || input === null || input === false) return null;
  const redact = readObject(problems, 'redact', input);
  const keys = (field: 'properties' | 'traits') => {
    const value = redact[field] ?? [];
    if (Array.isArray(value) && value.every((key) => typeof key === 'string')) return value as string[];
    problems.add(`redact.${field}`, 'expected an array of key names');
    return [];
  };
  return {
    properties: keys('properties'),
    traits: keys('traits'),
    method: readChoice(problems, 'redact.method', redact.method, ['hash', 'remove'] as const, 'hash'),
  };
}
