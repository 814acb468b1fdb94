// The consent piece's state machine: which categories of destinations the visitor allowed; events wait, unsent, until a choice is made. Pure.
import { isPlainObject, readBoolean, readObject, type Problems } from '../config/readers';
import type { Gate, Settled } from '../pipeline/gates';
import type { TallyEvent } from '../event/types';

/** A visitor's choice per category; `'*'` stands for every category it does not name. */
export type ConsentChoice = Record<string, boolean>;

/** The validated `consent` option. */
export interface ConsentConfig {
  /** Hold every event, and write no cookie or storage, until `analytics.consent(...)` grants it. */
  required: boolean;
  /** Destination name → category (`{ 'Customer.io': 'marketing' }`); unlisted destinations need any grant. */
  categories: Readonly<Record<string, string>>;
  /** Treat `navigator.globalPrivacyControl` as a denial. */
  honorGPC: boolean;
}

/** The consent state of one page view, with the gate that applies it. */
export interface Consent {
  readonly gate: Gate;
  /** Whether events may be collected at all (something was granted). */
  collecting(): boolean;
  /** Records a choice (true, false or `{ category: boolean }`) and releases or drops the held events; undefined for an unusable input. */
  choose(input: unknown): ConsentChoice | undefined;
  choice(): ConsentChoice | undefined;
}

/** Reads the `consent` option. */
export function readConsent(problems: Problems, input: unknown): ConsentConfig {
  const consent = readObject(problems, 'consent', input);
  const categories: Record<string, string> = {};
  for (const [name, category] of Object.entries(readObject(problems, 'consent.categories', consent.categories))) {
    if (typeof category === 'string' && category) categories[name] = category;
    else problems.add(`consent.categories[${JSON.stringify(name)}]`, 'expected a category name');
  }
  return {
    required: readBoolean(problems, 'consent.required', consent.required, false),
    categories,
    honorGPC: readBoolean(problems, 'consent.honorGPC', consent.honorGPC, false),
  };
}

/** `true` / `false` / `{ marketing: false, analytics: true }` as a ConsentChoice; undefined when it is neither. */
export function toChoice(input: unknown): ConsentChoice | undefined {
  if (typeof input === 'boolean') return { '*': input };
  if (!isPlainObject(input)) return undefined;
  const choice: ConsentChoice = {};
  for (const [category, value] of Object.entries(input)) if (typeof value === 'boolean') choice[category] = value;
  return Object.keys(choice).length ? choice : undefined;
}

/**
 * The consent state machine: undecided (events held) → decided (held events released, each with the destinations
 * its categories allow, or dropped when nothing is granted). A later choice replaces the earlier one.
 */
export function createConsent(config: ConsentConfig, initial: ConsentChoice | undefined): Consent {
  let current = initial;
  let held: Array<{ event: TallyEvent; resolve: (settled: Settled) => void }> = [];
  const allows = (category: string) => !!current && (current[category] ?? current['*'] ?? false);
  const collecting = () => !!current && Object.values(current).includes(true);
  const annotate = config.required || Object.keys(config.categories).length > 0;

  function apply(event: TallyEvent): Settled {
    if (!collecting()) return { stopped: 'no consent' };
    if (!annotate) return { event };
    const integrations = { ...event.integrations };
    const categoryPreferences: ConsentChoice = {};
    for (const [destination, category] of Object.entries(config.categories)) {
      categoryPreferences[category] = allows(category);
      if (!categoryPreferences[category]) integrations[destination] = false;
    }
    for (const category in current) if (category !== '*') categoryPreferences[category] = allows(category);
    return { event: { ...event, integrations, context: { ...event.context, consent: { categoryPreferences } } } };
  }

  return {
    gate: {
      name: 'consent',
      run: (event) => (current ? apply(event) : { wait: new Promise((resolve) => held.push({ event, resolve })) }),
    },
    collecting,
    choice: () => current,
    choose(input) {
      const choice = toChoice(input);
      if (!choice) return undefined;
      current = choice;
      const waiting = held;
      held = [];
      for (const { event, resolve } of waiting) resolve(apply(event));
      return choice;
    },
  };
}
