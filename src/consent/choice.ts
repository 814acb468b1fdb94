// The consent piece's state machine: which categories of destinations the visitor allowed; events wait, unsent, until a choice is made. Pure.
import { isPlainObject } from '../config/readers';
import type { Gate, Settled } from '../pipeline/gates';
import type { TallyEvent } from '../event/types';
import type { ConsentConfig } from './options';

export { readConsent, type ConsentConfig } from './options';

import type { ConsentChoice } from './sources/source';

export type { ConsentChoice };

/** The consent state of one page view, with the gate that applies it. */
export interface Consent {
  readonly gate: Gate;
  /** Whether events may be collected at all (something beyond the strictly necessary was granted). */
  collecting(): boolean;
  /** Records a choice (true, false or `{ category: boolean }`) and releases or drops the held events; undefined for an unusable input. */
  choose(input: unknown): ConsentChoice | undefined;
  choice(): ConsentChoice | undefined;
}

/** What the gate consults besides the choice: a look at the CMP before each event, and Consent Mode's signals. */
export interface ConsentHooks {
  /** Called before each event passes: a change the CMP made since is applied to this event. */
  beforeEvent?(): void;
  /** Consent Mode's signals as `{ ad_storage: 'GRANTED' }`, when the page has them. */
  signals?(): Record<string, string> | undefined;
}

/** `true` / `false` / `{ marketing: false, analytics: true }` as a ConsentChoice; undefined when it is neither. */
export function toChoice(input: unknown): ConsentChoice | undefined {
  if (typeof input === 'boolean') return { '*': input };
  if (!isPlainObject(input)) return undefined;
  const choice: ConsentChoice = {};
  for (const [category, value] of Object.entries(input)) if (typeof value === 'boolean') choice[category] = value;
  return Object.keys(choice).length ? choice : undefined;
}

/** Whether two choices say the same thing category by category (key order aside). */
export function sameChoice(a: ConsentChoice | undefined, b: ConsentChoice | undefined): boolean {
  if (!a || !b) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/**
 * The consent state machine: undecided (events held) → decided (held events released, each with the destinations
 * its categories allow, or dropped when nothing is granted). A later choice replaces the earlier one.
 */
export function createConsent(config: ConsentConfig, initial: ConsentChoice | undefined, hooks: ConsentHooks = {}): Consent {
  let current = initial;
  let held: Array<{ event: TallyEvent; resolve: (settled: Settled) => void }> = [];
  const necessary = config.from?.necessary ?? [];
  const allows = (category: string) => !!current && (current[category] ?? current['*'] ?? false);
  const allowsDestination = (categories: readonly string[]) =>
    categories.length > 0 && (config.match === 'any' ? categories.some(allows) : categories.every(allows));
  // Strictly necessary categories (always on in a CMP) are no grant by themselves; a destination mapped to one is.
  const collecting = () =>
    !!current &&
    (Object.entries(current).some(([category, on]) => on && !necessary.includes(category)) ||
      Object.values(config.categories).some(allowsDestination));
  const annotate = config.required || Object.keys(config.categories).length > 0 || !!config.from;

  function apply(event: TallyEvent): Settled {
    if (!collecting()) return { stopped: 'no consent' };
    if (!annotate) return { event };
    const integrations = { ...event.integrations };
    const categoryPreferences: ConsentChoice = {};
    for (const [destination, categories] of Object.entries(config.categories)) {
      for (const category of categories) categoryPreferences[category] = allows(category);
      if (!allowsDestination(categories)) integrations[destination] = false;
    }
    for (const category in current) if (category !== '*') categoryPreferences[category] = allows(category);
    const googleConsentMode = hooks.signals?.();
    const consent = googleConsentMode ? { categoryPreferences, googleConsentMode } : { categoryPreferences };
    return { event: { ...event, integrations, context: { ...event.context, consent } } };
  }

  return {
    gate: {
      name: 'consent',
      run(event) {
        hooks.beforeEvent?.();
        return current ? apply(event) : { wait: new Promise((resolve) => held.push({ event, resolve })) };
      },
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
