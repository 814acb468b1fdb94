// The rule a person builds in the picker (pure): its JSON, in the shape of one `events` entry (docs/nocode.md), and its
// check by the rules piece's own reader, so the picker shows the messages load() would log.
import { createProblems } from '../config/readers';
import { readEvents, type Definition, type EventDefinitionOptions, type PropertySource } from '../rules/definitions';
import { triggerOf } from '../triggers/list';

/** What the picker's form holds. */
export interface Draft {
  name: string;
  /** The trigger kind (src/triggers/list.ts). */
  on: string;
  selector: string;
  /** Kinds that offer it (click rules): the text the element must have too (empty: any text). */
  text: string;
  properties: Record<string, PropertySource>;
  /** Rules on a form (submit rules): form fields by name; `hidden` opts a hidden input in. */
  fields: { name: string; hidden?: boolean }[];
  fire: string[];
  dontFire: string[];
  /** The number a kind's offer asks for (`{ percent: 50 }`, `{ afterMs: 30000 }`), when it asks for one. */
  options?: Record<string, number>;
}

/** A text condition as a rule pattern: the text itself, or `{ equals }` when it holds the `*` wildcard. */
export const textPattern = (text: string): string | { equals: string } => (text.includes('*') ? { equals: text } : text);

/**
 * The definition a draft stands for, without empty fields: a rule on the page has no selector or properties, only a
 * kind that offers text (click) has `text`, only a rule on a form (submit) has `fields`.
 * @example toDefinition({ name: 'Buy Clicked', on: 'click', selector: 'button.buy', text: '', ... }) // { on: 'click', selector: 'button.buy' }
 */
export function toDefinition(draft: Draft): EventDefinitionOptions {
  const definition: EventDefinitionOptions = { on: draft.on, ...draft.options };
  const trigger = triggerOf(draft.on);
  const target = trigger?.target ?? 'page';
  if (target !== 'page') definition.selector = draft.selector.trim();
  if (trigger?.offer?.text && draft.text) definition.text = textPattern(draft.text);
  if (target !== 'page' && Object.keys(draft.properties).length) definition.properties = draft.properties;
  if (target === 'form' && draft.fields.length)
    definition.fields = draft.fields.map(({ name, hidden }) => (hidden ? { name, hidden: true as const } : name));
  const fire = draft.fire.map((path) => path.trim()).filter(Boolean);
  const dontFire = draft.dontFire.map((path) => path.trim()).filter(Boolean);
  if (fire.length) definition.fire = fire;
  if (dontFire.length) definition.dontFire = dontFire;
  return definition;
}

/** The draft as the JSON a site pastes into `events` (or a rules document's `events`): `{ "Name": { ... } }`. */
export const toJson = (draft: Draft): string => JSON.stringify({ [draft.name.trim()]: toDefinition(draft) }, null, 2);

/**
 * Reads the draft as load() would: its compiled definition, or the messages that would disable it (a missing name too).
 * @example checkDraft(draft).errors // ['events["Buy"].selector: invalid CSS selector "button["; this definition is disabled']
 */
export function checkDraft(draft: Draft): { definition?: Definition; errors: string[] } {
  const name = draft.name.trim();
  if (!name) return { errors: ['name the event'] };
  const problems = createProblems();
  const [definition] = readEvents(problems, { [name]: toDefinition(draft) });
  return { definition, errors: problems.errors.map((error) => error.message) };
}
