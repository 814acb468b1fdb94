// Reads the `consent` option into a normalised ConsentConfig; each bad field gets one error naming it, what it costs and the fix. Pure.
import { readBoolean, readObject, reject, type Problems } from '../config/readers';
import { SOURCES } from './sources/list';
import type { ConsentSource } from './sources/source';

/** How long events wait for the CMP's first answer before the console says so (`consent.waitMs`). */
export const DEFAULT_WAIT_MS = 10_000;

/** The validated `consent` option. */
export interface ConsentConfig {
  /** Hold every event, and write no cookie or storage, until a choice grants it. */
  required: boolean;
  /** Destination name → the categories it needs (`{ 'Customer.io': ['C0002', 'C0004'] }`); unlisted destinations need any grant. */
  categories: Readonly<Record<string, readonly string[]>>;
  /** Whether a destination needs all its categories (default) or any one of them. */
  match: 'all' | 'any';
  /** Treat `navigator.globalPrivacyControl` as a denial. */
  honorGPC: boolean;
  /** The CMP the choice is read from (`consent.from`); none: only `analytics.consent(...)` decides. */
  from?: ConsentSource;
  /** How long to wait for the CMP's first answer before warning that events are held. */
  waitMs: number;
}

/** Reads the `consent` option; `sources` is the list `from` picks from (SOURCES; a test may add one). */
export function readConsent(problems: Problems, input: unknown, sources: readonly ConsentSource[] = SOURCES): ConsentConfig {
  const consent = readObject(problems, 'consent', input);
  const from = readFrom(problems, consent.from, sources);
  return {
    required: readBoolean(problems, 'consent.required', consent.required, false),
    categories: readCategories(problems, consent.categories, from),
    match: readMatch(problems, consent.match),
    honorGPC: readBoolean(problems, 'consent.honorGPC', consent.honorGPC, false),
    from,
    waitMs: readWait(problems, consent.waitMs),
  };
}

function readFrom(problems: Problems, value: unknown, sources: readonly ConsentSource[]): ConsentSource | undefined {
  if (value === undefined) return undefined;
  const source = sources.find((candidate) => candidate.name === value);
  if (!source) {
    const names = sources.map((candidate) => `'${candidate.name}'`).join(', ');
    problems.add(
      'consent.from',
      `unknown consent source ${JSON.stringify(value)}: no CMP is read, so events wait for analytics.consent(...) ` +
        `and are never sent without it. Use one of ${names}.`,
    );
  }
  return source;
}

function readCategories(problems: Problems, value: unknown, from: ConsentSource | undefined): Record<string, string[]> {
  const categories: Record<string, string[]> = {};
  for (const [destination, given] of Object.entries(readObject(problems, 'consent.categories', value))) {
    const field = `consent.categories[${JSON.stringify(destination)}]`;
    const ids = Array.isArray(given) ? given : [given];
    const valid = ids.length > 0 && ids.every((id) => typeof id === 'string' && id);
    if (!valid) {
      problems.add(field, `expected a category id or a list of them: ${destination} gets no event. Write e.g. 'marketing'.`);
      categories[destination] = [];
      continue;
    }
    categories[destination] = ids as string[];
    for (const id of ids as string[])
      if (from && !from.isCategory(id))
        problems.add(
          field,
          `${from.label} has no category ${JSON.stringify(id)}: it is never granted, so ${destination} gets no event. ` +
            `Use ${from.categories}.`,
        );
  }
  return categories;
}

function readMatch(problems: Problems, value: unknown): 'all' | 'any' {
  if (value === 'all' || value === 'any') return value;
  return value === undefined ? 'all' : reject(problems, 'consent.match', "'all' or 'any'", value, 'all');
}

function readWait(problems: Problems, value: unknown): number {
  if (value === undefined) return DEFAULT_WAIT_MS;
  if (typeof value === 'number' && value >= 0 && value < Infinity) return value;
  return reject(problems, 'consent.waitMs', 'milliseconds (a number ≥ 0)', value, DEFAULT_WAIT_MS);
}
