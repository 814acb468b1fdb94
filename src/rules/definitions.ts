// Reads load()'s `events` map into compiled definitions (pure): a bad definition is reported once, naming event and field, and left out.
import { unknownField } from '../messages/nearest';
import {
  createProblems,
  describe,
  fieldsOf,
  readAny,
  readBoolean,
  readChoice,
  readObject,
  readString,
  reject,
  type Problems,
} from '../config/readers';
import { isSelector } from './selector';
import { hasOwn, isSafeKey, setOwn } from '../config/keys';
import type { ConfigError } from '../errors';
import { compilePattern } from './url-pattern';
import { TRIGGERS, triggerOf } from '../triggers/list';
import { runtimeKeyFor } from '../triggers/piece-of';
import { AS_FIELD, SOURCES, sourceOf } from '../sources/list';
import { CONVERSIONS } from '../sources/convert';
import { ONCE_SCOPES } from '../tracker/once';
import type { Definition, PropertySource, Reader } from './types';
import { SOURCE_OWN_READERS } from '../sources/readers';
import type { SourceFieldReader } from '../sources/source';
import type { FieldReader } from '../triggers/trigger';

export type { Definition, EventDefinitionOptions, FieldEntry, PropertySource } from './types';

/** The reserved `events` key whose paths and destination toggles apply to every page() view. */
export const PAGE_KEY = '$page';

/** Reads one item or a list of them (`[value].flat()` is the list, or the one item in a list). */
const eachOf =
  (read: Reader): Reader =>
  (problems, at, value) =>
    [value].flat().map((item, i) => read(problems, `${at}[${i}]`, item));
/** Reads an object whose fields each have a reader; another field is reported as unknown, with the nearest known name. */
const shaped =
  (readers: Record<string, Reader>): Reader =>
  (problems, at, value) => {
    const object = readObject(problems, at, value);
    const read = fieldsOf(problems, at, object);
    const shape: Record<string, unknown> = {};
    for (const key in object) {
      // Own readers only: `readers.constructor` is Object, and `readers.__proto__` is not a function.
      if (hasOwn(readers, key)) shape[key] = read(key, readers[key]);
      else problems.add(`${at}.${key}`, unknownField(key, Object.keys(readers)));
    }
    return shape;
  };

const readSelector: Reader = (problems, at, value) => {
  const selector = readString(problems, at, value);
  if (selector && !isSelector(selector)) problems.add(at, `invalid CSS selector ${describe(selector)}`);
  return selector;
};
const readNames = eachOf(readString);
/** A `data` source's dot path: non-empty segments, none reaching a prototype (`__proto__`, `constructor`, `prototype`). */
const readDataPath: Reader = (problems, at, value) => {
  const path = readString(problems, at, value);
  const bad = path?.split('.').find((key) => !key || !isSafeKey(key));
  if (bad !== undefined)
    problems.add(
      at,
      `${describe(path)} is not a dot path of own keys such as "ecommerce.value" (${bad ? `${bad} is refused` : 'empty key'})`,
    );
  return path;
};
const readTrue: Reader = (problems, at, value) => value === true || reject(problems, at, 'true', value);
const readField = shaped({ name: readString, hidden: (problems, at, value) => readBoolean(problems, at, value, false) });
const readFieldEntry: Reader = (problems, at, value) =>
  typeof value === 'string' ? readString(problems, at, value) : readField(problems, at, value);
/** The readers a trigger kind's fields name (src/triggers/trigger.ts FieldReader). */
const NAMED_READERS: Record<Exclude<FieldReader, Reader>, Reader> = {
  selector: readSelector,
  pattern: compilePattern,
  boolean: (problems, at, value) => readBoolean(problems, at, value, false),
  string: readString,
};

/** The readers the property sources' fields name (src/sources/source.ts SourceFieldReader). */
const SOURCE_READERS: Record<SourceFieldReader, Reader> = {
  ...NAMED_READERS,
  ...SOURCE_OWN_READERS,
  path: readDataPath,
  true: readTrue,
  any: readAny,
};

/** Every source kind's fields, for the messages on a field of another kind or of none (a function: see definitionFields). */
const sourceFields = (): string[] => SOURCES.flatMap((kind) => Object.keys(kind.fields));

/**
 * Reads one `properties` entry: the fields of its source kind (src/sources/list.ts) and `as`. A field of another kind
 * is reported (a property has one source), as is a field no kind knows, with the nearest known name.
 */
const readSource: Reader = (problems, at, value) => {
  const object = readObject(problems, at, value);
  const source = sourceOf(object);
  const readers: Record<string, Reader> = { [AS_FIELD]: (problems, at, value) => readChoice(problems, at, value, CONVERSIONS, 'number') };
  for (const [field, reader] of Object.entries(source.fields)) readers[field] = SOURCE_READERS[reader];
  const known = sourceFields();
  const named = Object.keys(source.fields).find((field) => hasOwn(object, field));
  const own: Record<string, unknown> = {};
  for (const key in object)
    if (hasOwn(readers, key)) own[key] = object[key];
    else if (known.includes(key)) problems.add(`${at}.${key}`, `not with ${named}: a property has one source`);
    else problems.add(`${at}.${key}`, unknownField(key, [...known, AS_FIELD]));
  const read = shaped(readers)(problems, at, own);
  if (source.required && object[source.required] === undefined) problems.add(`${at}.${source.required}`, 'required');
  const checked = source.check?.(read as PropertySource);
  if (checked) problems.add(`${at}.${checked.field}`, checked.detail);
  return read;
};

/** The fields of every trigger kind with their readers; a field another kind reads is accepted (and unused), as it always was. */
const triggerFields = (): Record<string, Reader> =>
  Object.fromEntries(
    TRIGGERS.flatMap((trigger) =>
      Object.entries(trigger.fields ?? {}).map(([field, reader]) => [field, typeof reader === 'string' ? NAMED_READERS[reader] : reader]),
    ),
  );

/**
 * The readers of a definition's fields: the common ones and those of every trigger kind. A function, not a constant, so
 * that a piece importing this file only for PAGE_KEY (the tracker, through the gate) bundles none of it.
 */
const definitionFields = (): Record<string, Reader> => ({
  on: (problems, at, value) =>
    readChoice(
      problems,
      at,
      value,
      TRIGGERS.map((trigger) => trigger.kind),
      'page',
    ),
  fire: eachOf(compilePattern),
  dontFire: eachOf(compilePattern),
  once: (problems, at, value) => (value === undefined ? undefined : readChoice(problems, at, value, ONCE_SCOPES, 'page')),
  ...triggerFields(),
  properties: (problems, at, value) =>
    Object.entries(readObject(problems, at, value)).map(([key, source]) => [key, readSource(problems, `${at}.${key}`, source)]),
  fields: eachOf(readFieldEntry),
  identify: shaped({ email: readString, userId: readString, traits: readNames }),
  // Read by readEvents, which knows the destinations' short names.
  destinations: readAny,
});

/**
 * `destinations: { customerio: false, Mixpanel: true }` as integration flags: a registry key (config.integrationNames) stands
 * for its `integrations` name; any other key is an integration name as is.
 */
function readToggles(problems: Problems, at: string, value: unknown, names: Readonly<Record<string, string>>): Record<string, boolean> {
  const flags: Record<string, boolean> = {};
  for (const [key, on] of Object.entries(readObject(problems, at, value)))
    setOwn(flags, (hasOwn(names, key) && names[key]) || key, readBoolean(problems, `${at}.${key}`, on, true));
  return flags;
}

/** Splits `fields` into names and the hidden opt-ins (with those of `{ field, hidden: true }` properties). */
function readHidden(definition: Definition, problems: Problems, at: string): void {
  const entries = definition.fields as unknown as (string | { name?: string; hidden?: boolean } | undefined)[];
  definition.fields = [];
  definition.hidden = [];
  entries.forEach((entry, i) => {
    const name = typeof entry === 'string' ? entry : entry?.name;
    if (entry && !name) problems.add(`${at}.fields[${i}].name`, 'required');
    if (name) definition.fields.push(name);
    if (name && typeof entry === 'object' && entry.hidden) definition.hidden.push(name);
  });
  for (const [key, source] of definition.properties) {
    if (source.hidden && !source.field) problems.add(`${at}.properties.${key}.hidden`, 'only with field');
    if (source.hidden && source.field) definition.hidden.push(source.field);
  }
}

/**
 * Reads the `events` option. A definition with problems adds its first one to `problems` and is left out.
 * @example readEvents(problems, { 'Signup Clicked': { on: 'click', selector: 'button.signup' } }, config.integrationNames)
 */
export function readEvents(problems: Problems, input: unknown, names: Readonly<Record<string, string>> = {}): Definition[] {
  const definitions: Definition[] = [];
  for (const [name, value] of Object.entries(readObject(problems, 'events', input))) {
    const read = readDefinitionOf(name, value, names);
    // The first problem disables the definition, and says so: the other definitions keep working.
    if ('problem' in read) problems.add(read.problem.field, `${read.problem.detail}; this definition is disabled`);
    else definitions.push(read.definition);
  }
  return definitions;
}

/** Reads one definition: compiled, or its first problem (the field and what is wrong, without what it costs). */
export function readDefinitionOf(
  name: string,
  value: unknown,
  names: Readonly<Record<string, string>>,
): { definition: Definition } | { problem: ConfigError } {
  const own = createProblems();
  const at = `events[${JSON.stringify(name)}]`;
  const definition = {
    fire: [],
    dontFire: [],
    properties: [],
    fields: [],
    hidden: [],
    ...(shaped(definitionFields())(own, at, value) as object),
    name,
  } as Definition;
  readHidden(definition, own, at);
  if (definition.destinations) definition.destinations = readToggles(own, `${at}.destinations`, definition.destinations, names);
  const trigger = triggerOf(definition.on);
  for (const field of trigger?.required ?? [])
    if ((definition as unknown as Record<string, unknown>)[field] === undefined) own.add(`${at}.${field}`, 'required');
  const checked = !own.errors.length && trigger?.check?.(definition);
  if (checked) own.add(`${at}.${checked.field}`, checked.detail);
  const [problem] = own.errors;
  if (definition.on) definition.runtime = runtimeKeyFor(definition);
  return problem ? { problem } : { definition };
}
