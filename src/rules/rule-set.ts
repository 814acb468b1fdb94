// The definitions in force (pure): inline `events` merged with the rules document's, replaced when a fresh document
// arrives; the gate reads them per event and the tracker and debug pieces are told of each change.
import type { Definition } from './definitions';

/** The live list of definitions. */
export interface RuleSet {
  /** The definitions now, in order. */
  current(): readonly Definition[];
  /** The definition of an event name, if any. */
  get(name: string): Definition | undefined;
  /** Puts a new list in force and tells every listener. */
  replace(definitions: readonly Definition[]): void;
  /** Calls `listener` after each replace (not for the list in force when it subscribes). */
  onChange(listener: (definitions: readonly Definition[]) => void): void;
}

/**
 * Creates a rule set holding `initial`.
 * @example const rules = createRuleSet(readEvents(problems, options.events)); rules.get('Signup Clicked')
 */
export function createRuleSet(initial: readonly Definition[] = []): RuleSet {
  let definitions = initial;
  let byName = new Map(initial.map((definition) => [definition.name, definition]));
  const listeners: ((definitions: readonly Definition[]) => void)[] = [];
  return {
    current: () => definitions,
    get: (name) => byName.get(name),
    replace(next) {
      definitions = next;
      byName = new Map(next.map((definition) => [definition.name, definition]));
      for (const listener of listeners) listener(next);
    },
    onChange: (listener) => void listeners.push(listener),
  };
}

/** Inline definitions merged with a rules document's: the document's win by name (it can change without a deploy), in the document's order after the inline ones it leaves. */
export function mergeDefinitions(inline: readonly Definition[], fromDocument: readonly Definition[]): Definition[] {
  const names = new Set(fromDocument.map((definition) => definition.name));
  return [...inline.filter((definition) => !names.has(definition.name)), ...fromDocument];
}
