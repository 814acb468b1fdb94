// The rule a person builds in the picker (pure): its JSON, in the shape of one `events` entry (docs/nocode.md), and its
// check by the rules piece's own reader, so the picker shows the messages load() would log.
import { createProblems } from '../config/readers';
import { readEvents, type Definition, type EventDefinitionOptions, type PropertySource } from '../rules/definitions';

/** What the picker's form holds. */
export interface Draft {
  name: string;
  on: 'click' | 'submit' | 'page';
  selector: string;
  /** Click rules: the text the element must have too (empty: any text). */
  text: string;
  properties: Record<string, PropertySource>;
  /** Submit rules: form fields by name; `hidden` opts a hidden input in. */
  fields: { name: string; hidden?: boolean }[];
  fire: string[];
  dontFire: string[];
}

/** A text condition as a rule pattern: the text itself, or `{ equals }` when it holds the `*` wildcard. */
export const textPattern = (text: string): string | { equals: string } => (text.includes('*') ? { equals: text } : text);

/**
 * The definition a draft stands for, without empty fields: a page rule has no selector, only click rules have `text`,
 * only submit rules have `fields`.
 * @example toDefinition({ name: 'Buy Clicked', on: 'click', selector: 'button.buy', text: '', ... }) // { on: 'click', selector: 'button.buy' }
 */
export function toDefinition(draft: Draft): EventDefinitionOptions {
  const definition: EventDefinitionOptions = { on: draft.on };
  if (draft.on !== 'page') definition.selector = draft.selector.trim();
  if (draft.on === 'click' && draft.text) definition.text = textPattern(draft.text);
  if (draft.on !== 'page' && Object.keys(draft.properties).length) definition.properties = draft.properties;
  if (draft.on === 'submit' && draft.fields.length)
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
